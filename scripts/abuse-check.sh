#!/usr/bin/env bash
# Serves a small bundle and attacks it from loopback for 20 s (SECONDS_TO_RUN overrides), all at once:
# 4 x processors requests to a Runnable that loops forever, 200 slowloris connections, 20 clients that
# send and never read, and a Runnable filling the cache. Once the attack is under way (after 1 s), /health
# must answer every probe within 200 ms, a quick Runnable route must keep answering, every looping request
# (from the first) must end with 504 within the
# deadline (--timeout 5) + 1 s of its arrival, and the server's resident memory must stay under
# RSS_BOUND_MIB (default 1280, with the heap capped at 512 MiB). Afterwards the server must serve normally
# and exit 0 on SIGTERM. Bounded in time: the attack runs SECONDS_TO_RUN, the whole script at most ~3 min.
set -euo pipefail
source "$(dirname "$0")/../examples/lib/smoke-helpers.sh"

DEADLINE=5
SECONDS_TO_RUN="${SECONDS_TO_RUN:-20}"
RSS_BOUND_MIB="${RSS_BOUND_MIB:-1280}"

BUNDLE="$(mktemp -d)"
cp "$ROOT/testdata/runnables/wasm/loop-wat.wasm" "$ROOT/testdata/runnables/wasm/echo-wat.wasm" \
   "$ROOT/testdata/runnables/wasm/abi-b-rust.wasm" "$BUNDLE/"
cat >"$BUNDLE/Directive.yaml" <<'YAML'
identifier: com.example.abuse
appVersion: v0.1.0
atmoVersion: v0.3.0
runnables:
  - name: loop-wat
    namespace: default
  - name: echo-wat
    namespace: default
  - name: abi-b-rust
    namespace: default
handlers:
  - type: request
    method: POST
    resource: /loop
    steps:
      - fn: loop-wat
  - type: request
    method: POST
    resource: /echo
    steps:
      - fn: echo-wat
  - type: request
    method: POST
    resource: /cache
    steps:
      - fn: abi-b-rust
YAML

JAVA_TOOL_OPTIONS="-Xmx512m ${ATMO_EXTRA_JAVA_OPTIONS:-}" start_atmo "$BUNDLE" --timeout "$DEADLINE"
expect "the quick route answers before the attack" "before" \
  "$(curl -s -m 10 -X POST --data-binary before "http://127.0.0.1:$PORT/echo")"

if timeout 240 "$JAVA" "$ROOT/scripts/AbuseCheck.java" "$PORT" "$ATMO_PID" "$DEADLINE" "$SECONDS_TO_RUN" \
    "$RSS_BOUND_MIB"; then
  echo "ok   every check under attack"
else
  echo "FAIL a check under attack (see above)"
  FAILURES=$((FAILURES + 1))
fi

kill -TERM "$ATMO_PID"
set +e
timeout 60 tail --pid="$ATMO_PID" -f /dev/null
wait "$ATMO_PID"
CODE=$?
set -e
ATMO_PID=""
expect "atmo exits 0 on SIGTERM after the attack" 0 "$CODE"
rm -rf "$BUNDLE"
finish
