#!/usr/bin/env bash
# Smoke test of the sdk-rust example: a quote service on loopback (python3's http.server), atmo started on the
# example, and two visits of the same name counted in the cache.
source "$(dirname "$0")/../lib/smoke-helpers.sh"

QUOTES="$(mktemp -d)"
echo "Simple things should be simple." > "$QUOTES/quote.txt"
QUOTE_PORT="$(free_port)"
python3 -m http.server "$QUOTE_PORT" --bind 127.0.0.1 --directory "$QUOTES" >/dev/null 2>&1 &
QUOTE_PID=$!
stop_all() {
  stop_atmo
  kill "$QUOTE_PID" 2>/dev/null || true
  wait "$QUOTE_PID" 2>/dev/null || true
  rm -rf "$QUOTES"
}
trap stop_all EXIT
for _ in $(seq 1 40); do
  curl -s -o /dev/null "http://127.0.0.1:$QUOTE_PORT/quote.txt" && break
  sleep 0.25
done
SERVICE="http://127.0.0.1:$QUOTE_PORT/quote.txt"

start_atmo "$ROOT/examples/sdk-rust"
trap stop_all EXIT
expect "first visit" '{"name":"ada","quote":"Simple things should be simple.","visits":1}' \
  "$(curl -s -d "$SERVICE" "localhost:$PORT/visit/ada")"
expect "second visit is counted" '{"name":"ada","quote":"Simple things should be simple.","visits":2}' \
  "$(curl -s -d "$SERVICE" "localhost:$PORT/visit/ada")"
expect "another name counts on its own" '{"name":"grace","quote":"Simple things should be simple.","visits":1}' \
  "$(curl -s -d "$SERVICE" "localhost:$PORT/visit/grace")"
expect "the answer is JSON" "application/json" \
  "$(curl -s -o /dev/null -w '%{content_type}' -d "$SERVICE" "localhost:$PORT/visit/alan")"
expect "no body is a 400" '{"status":400,"message":"send the URL of the quote service as the body"} 400' \
  "$(curl -s -w ' %{http_code}' -X POST "localhost:$PORT/visit/ada")"
FAILED="$(curl -s -w ' %{http_code}' -d "http://127.0.0.1:$QUOTE_PORT/nope" "localhost:$PORT/visit/ada")"
PREFIX='{"status":500,"message":"fetch_url failed: 404: <!DOCTYPE HTML>'
expect "a failing service is a 500 with the host's text" "$PREFIX ... 500" "${FAILED:0:${#PREFIX}} ... ${FAILED: -3}"
stop_atmo
expect "the visits are logged" "1" "$(log_count "visit 2 from ada")"
finish
