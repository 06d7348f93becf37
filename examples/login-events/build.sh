#!/bin/sh
# Rebuilds <name>/<name>.wasm for every Runnable of the login-events example from <name>/lib.rs (each
# includes the shared bindings examples/lib/rust/abi.rs and examples/lib/rust/json.rs). Needs Debian's rustc
# with the wasm32-wasi standard library (apt-get install rustc libstd-rust-dev-wasm32 lld); set
# RUSTC to use another compiler.
set -eu
cd "$(dirname "$0")"
RUSTC="${RUSTC:-/usr/bin/rustc}"
for dir in */; do
    name="${dir%/}"
    [ -f "$name/lib.rs" ] && [ -f "$name/.runnable.yaml" ] || continue
    crate="$(echo "$name" | tr -- '-' '_')"
    "$RUSTC" --target wasm32-wasi --crate-type cdylib --crate-name "$crate" \
        -O -C strip=symbols -C panic=abort \
        -o "$name/$name.wasm" "$name/lib.rs"
    echo "built $(pwd)/$name/$name.wasm"
done
