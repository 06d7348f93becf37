#!/bin/sh
# Rebuilds examples/hello/hello/hello.wasm from hello/lib.rs with the project's Rust SDK (sdk/rust).
exec "$(dirname "$0")/../lib/rust/build-runnables.sh" "$(dirname "$0")"
