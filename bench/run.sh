#!/usr/bin/env bash
# Runs the benchmark suite, or one part of it, and writes bench/results/<timestamp>/results.md with
# SVG charts; the latest tables are copied into docs/PERFORMANCE.md.
#
#   bench/run.sh [quick|full] [http|invoke|compute|streams|growth|memory|startup|all]...
#   bench/run.sh publish bench/results/<timestamp>   (copy an earlier run into docs/PERFORMANCE.md)
#
# quick (default) finishes in about ten minutes; full takes about an hour and a half with baselines.
# Needs: a JDK 21+ (JAVA_HOME), wrk, node, taskset; nats-server on NATS_URL (default
# nats://127.0.0.1:4222) for the streams part, which reports "not available" without one.
# BENCH_JAVA_OPTS sets the server JVMs' options (default "-Xms512m -Xmx2g"); BENCH_SKIP_BUILD=1
# uses the jars already built. BENCH_BASELINE_JAR="name=/path/atmo.jar [options],..." measures older
# atmo.jar files beside the current one (HTTP and streams parts); BENCH_BASELINE_BENCH_JAR="name=/path/
# benchmarks.jar" runs an older engine in the compute part.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ "${1:-}" = publish ]; then
    [ -f bench/target/benchmarks.jar ] || ./mvnw -q -B package -DskipTests -pl bench -am
    exec "$JAVA" -cp bench/target/benchmarks.jar -Dbench.root="$ROOT" dev.atmo.bench.Suite publish "${2:?results directory}"
fi

mode=quick
parts=()
for arg in "$@"; do
    case "$arg" in
        quick|full) mode="$arg" ;;
        http|invoke|compute|streams|growth|memory|startup|all) parts+=("$arg") ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown argument: $arg (see bench/run.sh --help)" >&2; exit 2 ;;
    esac
done
[ ${#parts[@]} -eq 0 ] && parts=(all)

for tool in wrk node taskset; do
    command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool (apt-get install wrk nodejs util-linux)" >&2; exit 1; }
done

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f bench/target/benchmarks.jar ] || [ ! -f atmo-cli/target/atmo.jar ]; then
    echo "building atmo.jar and benchmarks.jar"
    ./mvnw -q -B -o package -DskipTests -pl atmo-cli,bench -am 2>/dev/null \
        || ./mvnw -q -B package -DskipTests -pl atmo-cli,bench -am
fi

# the suite runs from a copy, so that a build replacing the jar meanwhile cannot disturb it
suite_jar="$(mktemp --suffix=.jar)"
trap 'rm -f "$suite_jar"' EXIT
cp bench/target/benchmarks.jar "$suite_jar"
"$JAVA" -cp "$suite_jar" -Dbench.root="$ROOT" dev.atmo.bench.Suite "$mode" "${parts[@]}"
