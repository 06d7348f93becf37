#!/bin/sh
# Rebuilds <name>/<name>.wasm for every Runnable directory (one holding lib.rs and .runnable.yaml) of
# the bundle directory given as the argument. The Runnables are written with the project's Rust SDK:
# sdk/rust is built once as the rlib of crate `atmo`, then each lib.rs is compiled against it, as
# sdk/rust/README.md describes under "Building by hand". Needs Debian's rustc with the wasm32-wasi
# standard library (apt-get install rustc libstd-rust-dev-wasm32 lld; set RUSTC to use another
# compiler). The output is reproducible.
set -eu
SDK="$(cd "$(dirname "$0")/../../../sdk/rust" && pwd)"
cd "$1"
RUSTC="${RUSTC:-/usr/bin/rustc}"
FLAGS="--edition 2021 --target wasm32-wasi -O -C panic=abort"
DEPS="$(mktemp -d)"
trap 'rm -rf "$DEPS"' EXIT
# shellcheck disable=SC2086
"$RUSTC" $FLAGS --crate-type rlib --crate-name atmo "$SDK/src/lib.rs" --out-dir "$DEPS"
for dir in */; do
    name="${dir%/}"
    [ -f "$name/lib.rs" ] && [ -f "$name/.runnable.yaml" ] || continue
    crate="$(echo "$name" | tr -- '-' '_')"
    # shellcheck disable=SC2086
    "$RUSTC" $FLAGS --crate-type cdylib --crate-name "$crate" -C lto -C strip=symbols \
        --extern atmo="$DEPS/libatmo.rlib" -o "$name/$name.wasm" "$name/lib.rs"
    echo "built $(pwd)/$name/$name.wasm"
done
