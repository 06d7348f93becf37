#!/bin/sh
# Rebuilds examples/sdk-assemblyscript/visit/visit.wasm from visit/index.ts with
# the AssemblyScript SDK of this repository (sdk/assemblyscript). Needs node and npm;
# AssemblyScript is installed into visit/node_modules from visit/package-lock.json.
set -eu
cd "$(dirname "$0")/visit"
if [ ! -x node_modules/.bin/asc ]; then
    npm ci --no-audit --no-fund >/dev/null
fi
npm run --silent build
echo "built $(pwd)/visit.wasm"
