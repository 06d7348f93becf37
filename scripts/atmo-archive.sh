#!/bin/sh
# Makes a JVM class-data archive for atmo from a training run: starts the server on a bundle, sends
# requests to one of its routes and stops it; the JVM writes the archive as it exits. The launcher
# (scripts/atmo) uses it when ATMO_JVM_ARCHIVE names it.
#
#   atmo-archive.sh ARCHIVE [BUNDLE [PATH [BODY]]]     (defaults: runnables.wasm.zip, /hello, world)
#
# An ARCHIVE ending in .aot is an AOT cache (JDK 25+), anything else an AppCDS archive (JDK 21+). It
# fits only the java, the atmo.jar (path, size, time) and the JAVA_OPTS it was made with: make it
# again after changing one of them (a JVM that cannot use it starts without it).
set -eu
archive="${1:?usage: atmo-archive.sh ARCHIVE [BUNDLE [PATH [BODY]]]}"
bundle="${2:-runnables.wasm.zip}"
path="${3:-/hello}"
body="${4:-world}"
jar="${ATMO_JAR:-/usr/local/lib/atmo/atmo.jar}"
case "$archive" in
  *.aot) output="-XX:AOTCacheOutput=$archive" ;;
  *) output="-XX:ArchiveClassesAtExit=$archive" ;;
esac
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
fail() {
  cat "$log" >&2
  echo "atmo-archive: $1" >&2
  kill "$pid" 2>/dev/null || true
  exit 1
}

java ${JAVA_OPTS:-} "$output" -jar "$jar" start --host 127.0.0.1 --port 0 --shutdown-grace 1 "$bundle" \
  >"$log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 1200); do
  port="$(sed -n 's/.*serving on 127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)"
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || fail "the training server stopped before serving"
  sleep 0.1
done
[ -n "$port" ] || fail "the training server did not start within two minutes"
for _ in $(seq 1 20); do
  curl -fsS -o /dev/null -d "$body" "http://127.0.0.1:$port$path" || fail "POST $path failed"
done
kill -TERM "$pid"
wait "$pid" || true
[ -s "$archive" ] || fail "no archive was written to $archive"
echo "atmo-archive: wrote $archive"
