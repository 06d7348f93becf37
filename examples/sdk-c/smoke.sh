#!/usr/bin/env bash
# Smoke test of the C SDK example: a local quote service (python3 -m http.server serving one file), atmo
# started on the example, two visits by the same name and one by another, and the guest's log line.
source "$(dirname "$0")/../lib/smoke-helpers.sh"

SERVICE_PORT="$(free_port)"
SERVICE_DIR="$(mktemp -d)"
printf 'Simple things should be simple.' > "$SERVICE_DIR/quote"
python3 -m http.server "$SERVICE_PORT" --bind 127.0.0.1 --directory "$SERVICE_DIR" >/dev/null 2>&1 &
SERVICE_PID=$!
stop_all() {
  stop_atmo
  kill "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
  rm -rf "$SERVICE_DIR"
}
trap stop_all EXIT
for _ in $(seq 1 60); do
  curl -s -o /dev/null "http://127.0.0.1:$SERVICE_PORT/quote" && break
  sleep 0.5
done
QUOTE_URL="http://127.0.0.1:$SERVICE_PORT/quote"

start_atmo "$ROOT/examples/sdk-c"
trap stop_all EXIT
expect "first visit" '{"greeting":"welcome, ada","quote":"Simple things should be simple.","visits":1}' \
  "$(curl -s -d "$QUOTE_URL" "localhost:$PORT/welcome/ada")"
expect "second visit is counted" '{"greeting":"welcome, ada","quote":"Simple things should be simple.","visits":2}' \
  "$(curl -s -d "$QUOTE_URL" "localhost:$PORT/welcome/ada")"
expect "another visitor has its own count" \
  '{"greeting":"welcome, grace","quote":"Simple things should be simple.","visits":1}' \
  "$(curl -s -d "$QUOTE_URL" "localhost:$PORT/welcome/grace")"
expect "the answer is JSON" "application/json" \
  "$(curl -s -o /dev/null -w '%{content_type}' -d "$QUOTE_URL" "localhost:$PORT/welcome/ada")"
expect "a missing quote is the service's 404" "500" \
  "$(curl -s -o /dev/null -w '%{http_code}' -d "$QUOTE_URL-missing" "localhost:$PORT/welcome/ada")"
expect "the Runnable logged the visit" "1" "$(log_count 'ada visited 2 times')"
finish
