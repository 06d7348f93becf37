#!/usr/bin/env bash
# Mirrors the Dockerfile without a Docker engine: the build stage, the runtime layout under a root
# directory (jar, launcher, home with the bundle), the class-data archive when JVM_ARCHIVE=on (as
# --build-arg JVM_ARCHIVE=on), the entrypoint and the health check.
set -euo pipefail
cd "$(dirname "$0")/.."

ROOTFS="$(mktemp -d)"
trap 'kill "${PID:-}" 2>/dev/null || true; rm -rf "$ROOTFS"' EXIT

echo "== build stage: ./mvnw -q -B package -DskipTests"
if [ ! -f atmo-cli/target/atmo.jar ] || [ "${REBUILD:-}" = 1 ]; then
  ./mvnw -q -B package -DskipTests
fi

echo "== runtime stage: layout in $ROOTFS"
install -D -m 0644 atmo-cli/target/atmo.jar "$ROOTFS/usr/local/lib/atmo/atmo.jar"
install -D -m 0755 scripts/atmo "$ROOTFS/usr/local/bin/atmo"
install -D -m 0755 scripts/atmo-archive.sh "$ROOTFS/usr/local/bin/atmo-archive"
mkdir -p "$ROOTFS/usr/local/share/atmo" && cp -r examples/hello "$ROOTFS/usr/local/share/atmo/training"
install -d -m 0700 "$ROOTFS/home/atmo/module-cache"
./scripts/atmo-bundle-example.sh "$ROOTFS/home/atmo/runnables.wasm.zip" >/dev/null
export ATMO_JAR="$ROOTFS/usr/local/lib/atmo/atmo.jar" ATMO_JVM_ARCHIVE="$ROOTFS/usr/local/lib/atmo/atmo.jsa"

if [ "${JVM_ARCHIVE:-off}" = on ]; then
  echo "== class-data archive: atmo-archive $ATMO_JVM_ARCHIVE (training run on examples/hello)"
  "$ROOTFS/usr/local/bin/atmo-archive" "$ATMO_JVM_ARCHIVE" "$ROOTFS/usr/local/share/atmo/training"
fi

echo "== entrypoint: atmo start (WORKDIR /home/atmo, ATMO_HTTP_PORT)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
(cd "$ROOTFS/home/atmo" && ATMO_HTTP_PORT="$PORT" exec "$ROOTFS/usr/local/bin/atmo" start) >"$ROOTFS/atmo.log" 2>&1 &
PID=$!

echo "== healthcheck: curl -fsS http://127.0.0.1:$PORT/health"
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then
    break
  fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/health"
echo
answer="$(curl -fsS -d image "http://127.0.0.1:$PORT/hello")"
if [ "$answer" != "hello image" ]; then
  echo "unexpected answer: $answer"
  cat "$ROOTFS/atmo.log"
  exit 1
fi
if grep -q -E "\[(warning|error) *\]\[(cds|aot)" "$ROOTFS/atmo.log"; then
  echo "the class-data archive was not usable:"
  cat "$ROOTFS/atmo.log"
  exit 1
fi
echo "image steps ok: $answer"
