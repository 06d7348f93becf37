#!/usr/bin/env bash
# Checks the Rust SDK (sdk/rust) without the Java build:
#   1. the JSON module's unit tests, on the build machine;
#   2. the crate builds as an rlib with plain rustc for wasm32-wasi and wasm32-unknown-unknown;
#   3. a Runnable made from sdk/rust/template the way `atmo new runnable NAME --lang rust` makes it
#      (SDK vendored into <project>/.atmo/sdk/rust) builds offline with the command `atmo build` runs,
#      the module exports what Atmo calls, including the generation-B marker atmo_abi_b, and it
#      answers `hello world` to `world` in testdata/runnables/harness.mjs.
# Needs Debian's rustc and cargo with the wasm32 standard libraries
# (apt-get install rustc cargo libstd-rust-dev-wasm32 lld), wasm-objdump (wabt) and node.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SDK="$ROOT/sdk/rust"
RUSTC="${RUSTC:-/usr/bin/rustc}"
CARGO="${CARGO:-/usr/bin/cargo}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "== JSON unit tests"
"$RUSTC" --edition 2021 --test "$SDK/src/json.rs" -o "$WORK/json-tests"
"$WORK/json-tests" -q

for target in wasm32-wasi wasm32-unknown-unknown; do
    echo "== rlib for $target"
    "$RUSTC" --edition 2021 --target "$target" --crate-type rlib --crate-name atmo -D warnings \
        "$SDK/src/lib.rs" --out-dir "$WORK/$target"
done

echo "== a new Runnable from the template, built as atmo build does"
PROJECT="$WORK/project"
mkdir -p "$PROJECT/.atmo/sdk/rust" "$PROJECT/hello-sdk"
(cd "$SDK" && tar cf - --exclude=./template --exclude=./target .) | tar xf - -C "$PROJECT/.atmo/sdk/rust"
for file in "$SDK"/template/* "$SDK"/template/.[!.]*; do
    [ -e "$file" ] || continue
    sed -e 's/{{name}}/hello-sdk/g' -e 's/{{crate}}/hello_sdk/g' "$file" > "$PROJECT/hello-sdk/$(basename "$file")"
done
(cd "$PROJECT/hello-sdk" && RUSTC="$RUSTC" "$CARGO" build --offline --release --target wasm32-wasi -q)
MODULE="$PROJECT/hello-sdk/target/wasm32-wasi/release/hello_sdk.wasm"
exports="$(wasm-objdump -x -j Export "$MODULE" | sed -n 's/.* -> "\(.*\)"$/\1/p' | sort | tr '\n' ' ')"
expected="allocate atmo_abi_b deallocate init memory run_e "
case "$exports" in
    *allocate*atmo_abi_b*deallocate*init*memory*run_e*) echo "exports: $exports" ;;
    *) echo "the template's module exports [$exports], expected at least [$expected]" >&2; exit 1 ;;
esac
outcome="$(node "$ROOT/testdata/runnables/harness.mjs" --abi b "$MODULE" world | grep '^outcome:')"
if [ "$outcome" != 'outcome: result "hello world"' ]; then
    echo "the template's Runnable answered [$outcome], expected [outcome: result \"hello world\"]" >&2
    exit 1
fi
echo "answers: $outcome"
echo "all SDK checks passed"
