#!/usr/bin/env bash
# Smoke test of the AssemblyScript SDK example: a loopback HTTP server plays the
# other service, atmo serves the bundle, curl checks the answers.
source "$(dirname "$0")/../lib/smoke-helpers.sh"

SERVICE_DIR="$(mktemp -d)"
printf 'have a nice day' > "$SERVICE_DIR/motd"
SERVICE_PORT="$(free_port)"
timeout 600 python3 -m http.server --bind 127.0.0.1 --directory "$SERVICE_DIR" "$SERVICE_PORT" >/dev/null 2>&1 &
SERVICE_PID=$!
trap 'kill "$SERVICE_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -s -o /dev/null "127.0.0.1:$SERVICE_PORT/motd" && break
  sleep 0.1
done

start_atmo "$ROOT/examples/sdk-assemblyscript"
trap 'stop_atmo; kill "$SERVICE_PID" 2>/dev/null || true' EXIT
NAME="ada-$$-$RANDOM"
BODY="{\"service\":\"http://127.0.0.1:$SERVICE_PORT/motd\"}"
expect "first visit" "{\"hello\":\"$NAME\",\"message\":\"have a nice day\",\"visits\":1}" \
  "$(curl -s -d "$BODY" "localhost:$PORT/visit/$NAME")"
expect "second visit" "{\"hello\":\"$NAME\",\"message\":\"have a nice day\",\"visits\":2}" \
  "$(curl -s -d "$BODY" "localhost:$PORT/visit/$NAME")"
# the message carries the service's 404 page after "404: " (its HTML differs between Python versions)
MISSING="$(curl -s -d "{\"service\":\"http://127.0.0.1:$SERVICE_PORT/nope\"}" "localhost:$PORT/visit/$NAME")"
expect "service answers 404" '{"status":502,"message":"fetch_url: 404: <!DOCTYPE HTML>' "${MISSING:0:56}"
expect "body is not JSON" '{"status":400,"message":"expected a JSON body: unexpected character '"'"'x'"'"' at offset 0"}' \
  "$(curl -s -d 'x' "localhost:$PORT/visit/$NAME")"
expect "log line" "1" "$(log_count "visit 2 of $NAME")"
finish
