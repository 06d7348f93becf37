#!/bin/sh
# Rebuilds <name>/<name>.wasm for every Runnable directory of this bundle (one holding lib.rs and
# .runnable.yaml). The sources include lib/abi.rs, hand-written ABI-A bindings. Needs Debian's rustc with
# the wasm32-wasi standard library (apt-get install rustc libstd-rust-dev-wasm32 lld; set RUSTC to use
# another compiler). The output is reproducible.
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
for wat in */*.wat; do
    [ -e "$wat" ] || continue
    name="$(dirname "$wat")"
    wat2wasm "$wat" -o "$name/$name.wasm"
    echo "built $(pwd)/$name/$name.wasm"
done
