#!/bin/sh
# Regenerates lib.rs and rebuilds big.wasm (about 2 MiB), the large Runnable of the start-up benchmark.
# Needs node and Debian's rustc with the wasm32-wasi standard library.
set -eu
cd "$(dirname "$0")"
RUSTC="${RUSTC:-/usr/bin/rustc}"
node gen.mjs "${FUNCTIONS:-5800}" > lib.rs
"$RUSTC" --target wasm32-wasi --crate-type cdylib --crate-name big \
    -C opt-level=1 -C strip=symbols -C panic=abort lib.rs -o big.wasm
echo "built $(pwd)/big.wasm ($(wc -c < big.wasm) bytes)"
