#!/usr/bin/env bash
# Rebuilds the modules of the bad-bundle corpus: the .wat sources with wat2wasm (wabt), the cut and patched
# copies of the hello example's module, and the valid module the Directive-only cases share.
set -euo pipefail
cd "$(dirname "$0")"
hello=../../../examples/hello/hello/hello.wasm
valid=../../runnables/wasm/echo-wat.wasm

printf 'this is a text file, not WebAssembly\n' > not-wasm/hello.wasm
head -c 20000 "$hello" > truncated/hello.wasm
# the version field (bytes 4-7) says 2 instead of 1
{ head -c 4 "$hello"; printf '\x02\x00\x00\x00'; tail -c +9 "$hello"; } > other-version/hello.wasm
wat2wasm memory-cap/hello.wat -o memory-cap/hello.wasm
wat2wasm abort-import/hello.wat -o abort-import/hello.wasm
for dir in capabilities-typo nats-settings websocket-origin key-typo negative-period missing-module; do
  cp "$valid" "$dir/hello.wasm"
done
