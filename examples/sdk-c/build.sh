#!/bin/sh
# Rebuilds examples/sdk-c/welcome/welcome.wasm from welcome/welcome.c and the C SDK in sdk/c.
# Needs clang with wasi-libc (apt-get install clang lld wasi-libc libclang-rt-dev-wasm32).
set -eu
cd "$(dirname "$0")/welcome"
SDK=../../../sdk/c
"${CC:-clang}" --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Werror -Wl,--strip-all \
    -I"$SDK" welcome.c "$SDK/atmo.c" -o welcome.wasm
echo "built $(pwd)/welcome.wasm"
