#!/usr/bin/env bash
# Profiles one server under wrk load with JDK Flight Recorder and prints a summary (CPU by frame,
# allocation, blocking) with dev.atmo.bench.JfrSummary.
#
#   bench/profile.sh atmo|plain [connections] [seconds] [bundle] [path] [atmo options...]
#
# e.g. bench/profile.sh atmo 32 20            (examples/hello, POST /hello)
# ATMO_JAR profiles another atmo.jar (default atmo-cli/target/atmo.jar); WARMUP is the seconds of load before
# the recording starts (default 5).
# The recording is left in bench/results/profile-<server>.jfr; the server's own output (a log line per
# request) is discarded.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
server="${1:-atmo}"
connections="${2:-32}"
seconds="${3:-20}"
bundle="${4:-examples/hello}"
path="${5:-/hello}"
shift $(( $# < 5 ? $# : 5 ))
port=$(( 20000 + RANDOM % 20000 ))
mkdir -p bench/results
jfr="$ROOT/bench/results/profile-$server.jfr"
rm -f "$jfr"
record="-XX:StartFlightRecording=filename=$jfr,settings=profile,delay=$(( ${WARMUP:-5} + 3 ))s,duration=$((seconds - ${WARMUP:-5} - 2))s,jdk.ExecutionSample#period=1ms"
opts=(${BENCH_JAVA_OPTS:--Xms512m -Xmx2g})
cpus=""; load=""
if [ "$(nproc)" -ge 2 ]; then cpus="taskset -c 0"; load="taskset -c 1-$(( $(nproc) - 1 ))"; fi
case "$server" in
    atmo)  $cpus "$JAVA" "${opts[@]}" "$record" -jar "${ATMO_JAR:-atmo-cli/target/atmo.jar}" start --host 127.0.0.1 \
               --port "$port" --shutdown-grace 1 "$@" "$bundle" > /dev/null 2>&1 & ;;
    plain) $cpus "$JAVA" "${opts[@]}" "$record" -cp bench/target/benchmarks.jar dev.atmo.bench.PlainNettyHello \
               "$port" > /dev/null 2>&1 & ;;
    *) echo "usage: bench/profile.sh atmo|plain [connections] [seconds] [bundle] [path] [atmo options...]" >&2; exit 2 ;;
esac
pid=$!
for _ in $(seq 1 200); do
    curl -s -o /dev/null -d x "127.0.0.1:$port$path" && break
    sleep 0.1
done
WRK_BODY_BYTES=16 $load wrk -t1 -c"$connections" -d"${seconds}s" -s bench/wrk/post.lua "http://127.0.0.1:$port$path" | grep -E "Requests/sec|BENCH"
sleep 1
kill "$pid"; wait "$pid" 2>/dev/null || true
"$JAVA" -cp bench/target/benchmarks.jar dev.atmo.bench.JfrSummary "$jfr" "${ROWS:-30}"
