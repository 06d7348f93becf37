#!/usr/bin/env bash
# Rebuilds every test Runnable of this folder into wasm/<name>.wasm.
#
#   ./build.sh            build everything (a missing toolchain is an error)
#   ./build.sh wat c      build only the named groups: wat, c, rust, as, sdk-assemblyscript
#
# Toolchains:
#   wat   wat2wasm (apt-get install wabt)
#   c     clang with wasi-libc (apt-get install clang lld wasi-libc libclang-rt-dev-wasm32)
#   rust  Debian's rustc with the wasm32-wasi std (apt-get install rustc libstd-rust-dev-wasm32 lld);
#         set RUSTC to use another rustc that has the wasm32-wasi target
#   as    node + npm; AssemblyScript is installed into as/node_modules from as/package-lock.json
#   sdk-c the exerciser written with the C SDK (sdk/c); the same toolchain as c
#   sdk-assemblyscript
#         node + npm; Runnables written with sdk/assemblyscript (@atmo/sdk), built with
#         sdk/assemblyscript/package-lock.json and asconfig.json
#
# The script is idempotent: running it twice gives the same files.
set -euo pipefail

cd "$(dirname "$0")"
OUT=wasm
mkdir -p "$OUT"

RUSTC="${RUSTC:-/usr/bin/rustc}"
CLANG="${CLANG:-clang}"

groups=("$@")
if [ ${#groups[@]} -eq 0 ]; then
    groups=(wat c rust as sdk-c sdk-assemblyscript)
fi

need() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "build.sh: '$1' not found (needed for the $2 Runnables)" >&2
        exit 1
    fi
}

built() {
    echo "  $OUT/$1.wasm"
}

build_wat() {
    need wat2wasm wat
    echo "WAT:"
    for src in wat/*.wat; do
        name="$(basename "$src" .wat)"
        wat2wasm "$src" -o "$OUT/$name.wasm"
        built "$name"
    done
    # abi-a-swift-wat: the ABI-A variant of abi-swift-wat (drop the B-only blocks,
    # enable the lines commented out with the A marker)
    local tmp
    tmp="$(mktemp -d)"
    sed -e '/^ *;;B-BEGIN/,/^ *;;B-END/d' -e 's/^\( *\);;A /\1/' \
        wat/abi-swift-wat.wat > "$tmp/abi-a-swift-wat.wat"
    wat2wasm "$tmp/abi-a-swift-wat.wat" -o "$OUT/abi-a-swift-wat.wasm"
    rm -rf "$tmp"
    built abi-a-swift-wat
}

build_c() {
    need "$CLANG" C
    echo "C:"
    local cflags=(--target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Werror -Wl,--strip-all)
    for name in echo-c reactor-c; do
        "$CLANG" "${cflags[@]}" "c/$name.c" -o "$OUT/$name.wasm"
        built "$name"
    done
    "$CLANG" "${cflags[@]}" -DABI_A c/abi-exerciser.c -o "$OUT/abi-a-c.wasm"
    built abi-a-c
    "$CLANG" "${cflags[@]}" -DABI_B c/abi-exerciser.c -o "$OUT/abi-b-c.wasm"
    built abi-b-c
}

build_rust() {
    need "$RUSTC" Rust
    echo "Rust:"
    local rflags=(--target wasm32-wasi --crate-type cdylib --crate-name abi_exerciser
                  -O -C panic=abort -C strip=symbols)
    "$RUSTC" "${rflags[@]}" rust/abi_exerciser.rs -o "$OUT/abi-a-rust.wasm"
    built abi-a-rust
    "$RUSTC" "${rflags[@]}" --cfg abi_b rust/abi_exerciser.rs -o "$OUT/abi-b-rust.wasm"
    built abi-b-rust
}

build_as() {
    need node AssemblyScript
    need npm AssemblyScript
    echo "AssemblyScript:"
    (
        cd as
        if [ ! -x node_modules/.bin/asc ]; then
            npm ci --no-audit --no-fund >/dev/null
        fi
        local asflags=(-O --use abort=lib/runnable/runnableAbort)
        node_modules/.bin/asc echo.ts -o "../$OUT/echo-as.wasm" "${asflags[@]}"
        node_modules/.bin/asc abi-a.ts -o "../$OUT/abi-a-as.wasm" "${asflags[@]}"
        node_modules/.bin/asc abi-b.ts -o "../$OUT/abi-b-as.wasm" "${asflags[@]}"
    )
    built echo-as
    built abi-a-as
    built abi-b-as
}

build_sdk_c() {
    need "$CLANG" C
    echo "C SDK:"
    local sdk=../../sdk/c
    "$CLANG" --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Werror -Wl,--strip-all \
        -I"$sdk" sdk/c/abi-exerciser.c "$sdk/atmo.c" -o "$OUT/sdk-c.wasm"
    built sdk-c
    "$CLANG" --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Werror -Wl,--strip-all \
        -I"$sdk" sdk/c/visits.c "$sdk/atmo.c" -o "$OUT/sdk-c-visits.wasm"
    built sdk-c-visits
    "$CLANG" --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Werror -Wl,--strip-all \
        -I"$sdk" sdk/c/json.c "$sdk/atmo.c" -o "$OUT/sdk-c-json.wasm"
    built sdk-c-json
}

build_sdk_assemblyscript() {
    need node "AssemblyScript SDK"
    need npm "AssemblyScript SDK"
    echo "AssemblyScript SDK:"
    (
        cd sdk/assemblyscript
        if [ ! -x node_modules/.bin/asc ]; then
            npm ci --no-audit --no-fund >/dev/null
        fi
        npm run --silent build
        # the template of `atmo new runnable hello --lang assemblyscript`, built with its own
        # package.json script and asconfig.json
        local tmp
        tmp="$(mktemp -d)"
        mkdir "$tmp/hello"
        for f in ../../../../sdk/assemblyscript/template/* ../../../../sdk/assemblyscript/template/.[!.]*; do
            sed -e 's/{{name}}/hello/g' -e 's/{{crate}}/hello/g' "$f" > "$tmp/hello/$(basename "$f")"
        done
        ln -s "$PWD/node_modules" "$tmp/hello/node_modules"
        (cd "$tmp/hello" && npm run --silent build)
        cp "$tmp/hello/hello.wasm" ../../wasm/sdk-assemblyscript-template.wasm
        rm -rf "$tmp"
    )
    built sdk-assemblyscript
    built sdk-assemblyscript-capabilities
    built sdk-assemblyscript-json
    built sdk-assemblyscript-template
}

for group in "${groups[@]}"; do
    case "$group" in
        wat) build_wat ;;
        c) build_c ;;
        rust) build_rust ;;
        as) build_as ;;
        sdk-c) build_sdk_c ;;
        sdk-assemblyscript) build_sdk_assemblyscript ;;
        *) echo "build.sh: unknown group '$group' (wat, c, rust, as, sdk-c, sdk-assemblyscript)" >&2; exit 2 ;;
    esac
done
