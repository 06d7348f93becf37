#!/bin/sh
# Rebuilds examples/sdk-rust/visit/visit.wasm from visit/lib.rs with the Rust SDK (sdk/rust), the way
# `atmo build` does. Needs Debian's rustc and cargo with the wasm32-wasi standard library
# (apt-get install rustc cargo libstd-rust-dev-wasm32 lld); set RUSTC and CARGO to use others.
set -eu
cd "$(dirname "$0")/visit"
RUSTC="${RUSTC:-/usr/bin/rustc}" "${CARGO:-/usr/bin/cargo}" build --offline --release --target wasm32-wasi
cp target/wasm32-wasi/release/visit.wasm visit.wasm
echo "built $(pwd)/visit.wasm"
