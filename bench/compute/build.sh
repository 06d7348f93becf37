#!/bin/sh
# Rebuilds the benchmark Runnables from C: compute/sha256.wasm and runnables/each-c.wasm.
# Needs clang with wasi-libc (apt-get install clang lld wasi-libc libclang-rt-dev-wasm32).
set -eu
cd "$(dirname "$0")"
CLANG="${CLANG:-clang}"
CFLAGS="--target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Werror -Wl,--strip-all"
# shellcheck disable=SC2086
"$CLANG" $CFLAGS sha256.c -o sha256.wasm
echo "built $(pwd)/sha256.wasm"
# shellcheck disable=SC2086
"$CLANG" $CFLAGS ../runnables/each-c.c -o ../runnables/each-c.wasm
echo "built $(cd ../runnables && pwd)/each-c.wasm"
