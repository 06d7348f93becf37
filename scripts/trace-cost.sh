#!/usr/bin/env bash
# Measures what traces cost: the hello example served by the built jar with traces off, with traces on at
# sampler 1.0 (every span of every request exported over OTLP/HTTP to a sink on loopback) and at a sampler of 0.1,
# alternating in one run, with wrk; prints requests per second, p99 and the server's processor time per request
# (user and system, from /proc: unlike the request rate, it hardly depends on what else the machine runs) of each
# run, and the median of each setting.
#
#   scripts/trace-cost.sh [ROUNDS] [SECONDS] [CONNECTIONS]     (default 3 rounds of 10 s at 32 connections)
#
# Needs atmo-cli/target/atmo.jar (./mvnw -q package -DskipTests -pl atmo-cli -am), wrk and taskset. On a machine
# with two or more processors the server runs on the first, wrk on the second. ATMO_JAR_BEFORE=<jar> adds a run
# of that jar (one built before traces existed) to each round, to show what the code costs with traces off;
# WARM_SECONDS (default 5) is how long wrk warms each server up before it is measured.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. scripts/find-jdk.sh
atmo_find_jdk || exit 1
JAVA="$JAVA_HOME/bin/java"
JAR=atmo-cli/target/atmo.jar
BEFORE="${ATMO_JAR_BEFORE:-}"
ROUNDS="${1:-3}"
SECONDS_PER_RUN="${2:-10}"
CONNECTIONS="${3:-32}"
PORT=18480
SINK_PORT=18481
SERVER_CPU=0
WRK_CPU=1
[ "$(nproc)" -ge 2 ] || WRK_CPU=0
work="$(mktemp -d)"
sink=""
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    [ -n "$sink" ] && kill "$sink" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$JAVA" scripts/OtlpSink.java "$SINK_PORT" > "$work/sink.log" 2>&1 &
sink=$!

# starts the server of jar $1 (further arguments are atmo start flags), waits for it and warms it up
start() {
    local jar="$1"
    shift
    taskset -c "$SERVER_CPU" "$JAVA" -Xms512m -Xmx2g -jar "$jar" start --host 127.0.0.1 --port "$PORT" \
        --log-level warn "$@" examples/hello > "$work/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 300); do
        curl -sf -X POST -d warm "http://127.0.0.1:$PORT/hello" > /dev/null 2>&1 && break
        kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
        sleep 0.1
    done
    taskset -c "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" -d"${WARM_SECONDS:-5}s" -s bench/wrk/post.lua "http://127.0.0.1:$PORT/hello" > /dev/null
}

stop() {
    kill "$server"
    wait "$server" 2>/dev/null || true
    server=""
}

# the server's processor time so far, user and system, in clock ticks
ticks() {
    awk '{ print $14 + $15 }' "/proc/$server/stat"
}

# one measured run: prints "rps p99_us cpu_us_per_request"
measure() {
    local before after
    before="$(ticks)"
    taskset -c "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s bench/wrk/post.lua \
        "http://127.0.0.1:$PORT/hello" > "$work/wrk.out"
    after="$(ticks)"
    awk -v ticks="$((after - before))" -v hz="$(getconf CLK_TCK)" '/^BENCH/ {
            for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            printf "%.0f %d %.1f\n", v["requests"] / (v["duration_us"] / 1e6), v["p99"], ticks / hz * 1e6 / v["requests"] }' \
        "$work/wrk.out"
}

median() {
    sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# one measured run of a setting: label, jar, atmo start flags
run() {
    local label="$1"
    shift
    start "$@"
    read -r rps p99 cpu < <(measure)
    printf 'round %s  %-6s  %6s requests/s  p99 %7s us  %6s us of processor per request\n' "$round" "$label" "$rps" \
        "$p99" "$cpu" | tee -a "$work/$label"
    stop
}

echo "hello example, $CONNECTIONS connections, $ROUNDS rounds of ${SECONDS_PER_RUN} s each"
for round in $(seq 1 "$ROUNDS"); do
    [ -n "$BEFORE" ] && run before "$BEFORE"
    run off "$JAR"
    OTEL_TRACES_SAMPLER=always_on run on "$JAR" --otlp-endpoint "http://127.0.0.1:$SINK_PORT"
    OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0.1 \
        run on-10% "$JAR" --otlp-endpoint "http://127.0.0.1:$SINK_PORT"
done
for label in before off on on-10%; do
    [ -f "$work/$label" ] || continue
    printf 'median  %-6s  %6s requests/s  %6s us of processor per request\n' "$label" \
        "$(awk '{ print $4 }' "$work/$label" | median)" "$(awk '{ print $9 }' "$work/$label" | median)"
done
kill "$sink"
wait "$sink" 2>/dev/null || true
sink=""
cat "$work/sink.log"
