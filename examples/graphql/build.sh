#!/bin/sh
# Rebuilds examples/graphql/repository/repository.wasm from repository/lib.rs, which includes the shared
# bindings examples/lib/rust/abi.rs and examples/lib/rust/json.rs. Needs Debian's rustc with the wasm32-wasi
# standard library (apt-get install rustc libstd-rust-dev-wasm32 lld); set RUSTC to use another compiler.
set -eu
cd "$(dirname "$0")/repository"
RUSTC="${RUSTC:-/usr/bin/rustc}"
"$RUSTC" --target wasm32-wasi --crate-type cdylib --crate-name repository \
    -O -C strip=symbols -C panic=abort lib.rs -o repository.wasm
echo "built $(pwd)/repository.wasm"
