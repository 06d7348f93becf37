#!/bin/sh
# Rebuilds examples/graphql/repository/repository.wasm from repository/lib.rs with the project's Rust SDK
# (sdk/rust).
exec "$(dirname "$0")/../lib/rust/build-runnables.sh" "$(dirname "$0")"
