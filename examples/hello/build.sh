#!/bin/sh
# Rebuilds examples/hello/hello/hello.wasm from hello/lib.rs.
# Needs Debian's rustc with the wasm32-wasi standard library
# (apt-get install rustc libstd-rust-dev-wasm32 lld).
set -eu
cd "$(dirname "$0")/hello"
RUSTC="${RUSTC:-/usr/bin/rustc}"
"$RUSTC" --target wasm32-wasi --crate-type cdylib --crate-name hello \
    -O -C strip=symbols -C panic=abort lib.rs -o hello.wasm
echo "built $(pwd)/hello.wasm"
