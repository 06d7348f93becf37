#!/usr/bin/env bash
# Guests that never yield, against the built jar on loopback: 4 x processors requests to a Runnable that loops
# forever (LOOPERS overrides), with a 2 s deadline, sent in two waves one deadline apart. Meanwhile /health and
# /ready must answer every probe within 200 ms (PROBE_MS overrides), a quick Runnable route keeps answering, and
# every looping request ends with 504 within the deadline + 1 s of being sent. Afterwards the server serves
# normally and exits 0 on SIGTERM. Bounded in time: about 15 s after the jar has started.
set -euo pipefail
source "$(dirname "$0")/../examples/lib/smoke-helpers.sh"

CORES="$(nproc)"
LOOPERS="${LOOPERS:-$((4 * CORES))}"
PROBE_MS="${PROBE_MS:-200}"
DEADLINE_S=2
LIMIT_MS=$(((DEADLINE_S + 1) * 1000))

BUNDLE="$(mktemp -d)"
OUT="$(mktemp -d)"
cp "$ROOT/testdata/runnables/wasm/loop-wat.wasm" "$BUNDLE/loop.wasm"
cp "$ROOT/testdata/runnables/wasm/echo-wat.wasm" "$BUNDLE/echo.wasm"
cat >"$BUNDLE/Directive.yaml" <<'EOF'
identifier: com.example.guestabuse
appVersion: v0.1.0
atmoVersion: v0.3.0
runnables:
  - name: loop
    namespace: default
  - name: echo
    namespace: default
handlers:
  - type: request
    method: POST
    resource: /loop
    steps:
      - fn: loop
  - type: request
    method: POST
    resource: /echo
    steps:
      - fn: echo
EOF

start_atmo "$BUNDLE" --timeout "$DEADLINE_S"
URL="http://127.0.0.1:$PORT"

# status and milliseconds of one request, as "CODE MS"
timed() {
  curl -s -o /dev/null --max-time 30 -w '%{http_code} %{time_total}\n' "$@" |
    awk '{ printf "%s %d\n", $1, $2 * 1000 }'
}

send_loopers() {
  for i in $(seq 1 "$LOOPERS"); do
    timed -X POST --data forever "$URL/loop" >"$OUT/loop-$1-$i" &
  done
}

send_loopers 1
probes=0
slow=0
slowest=0
quick_failures=0
end=$((SECONDS + 2 * DEADLINE_S + 1))
while [ "$SECONDS" -lt "$end" ]; do
  if [ "$SECONDS" -ge $((end - DEADLINE_S - 1)) ] && [ ! -e "$OUT/second-wave" ]; then
    touch "$OUT/second-wave"
    send_loopers 2
  fi
  for path in health ready; do
    read -r code ms < <(timed "$URL/$path")
    probes=$((probes + 1))
    [ "$ms" -gt "$slowest" ] && slowest="$ms"
    if [ "$code" != 200 ] || [ "$ms" -gt "$PROBE_MS" ]; then
      slow=$((slow + 1))
      echo "probe /$path: $code after $ms ms"
    fi
  done
  if [ "$(curl -s --max-time 5 -X POST --data still "$URL/echo")" != still ]; then
    quick_failures=$((quick_failures + 1))
  fi
  sleep 0.05
done
wait_for_loopers=$((SECONDS + DEADLINE_S + 5))
while [ "$(cat "$OUT"/loop-* | wc -l)" -lt $((2 * LOOPERS)) ] && [ "$SECONDS" -lt "$wait_for_loopers" ]; do
  sleep 0.2
done

late=0
latest=0
for f in "$OUT"/loop-*; do
  read -r code ms <"$f" || { code=none; ms=0; }
  [ "$ms" -gt "$latest" ] && latest="$ms"
  if [ "$code" != 504 ] || [ "$ms" -gt "$LIMIT_MS" ]; then
    late=$((late + 1))
    echo "looping request $(basename "$f"): $code after $ms ms"
  fi
done
echo "$((2 * LOOPERS)) looping requests on $CORES processors: the last 504 after $latest ms (limit $LIMIT_MS ms);" \
  "$probes probes of /health and /ready, slowest $slowest ms (limit $PROBE_MS ms)"

expect "every probe of /health and /ready answered 200 within $PROBE_MS ms" 0 "$slow"
expect "the quick route kept answering" 0 "$quick_failures"
expect "every looping request ended with 504 within the deadline + 1 s" 0 "$late"
expect "the server serves normally afterwards" after "$(curl -s --max-time 5 -X POST --data after "$URL/echo")"
kill -TERM "$ATMO_PID"
status=0
wait "$ATMO_PID" || status=$?
ATMO_PID=""
expect "SIGTERM stops the server with exit 0" 0 "$status"
rm -rf "$BUNDLE" "$OUT"
finish
