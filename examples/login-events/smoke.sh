#!/usr/bin/env bash
# Smoke test of login-events: its own nats-server, atmo on a copy of the bundle pointed at it, logins
# published, every completion checked, request-reply and the websocket too.
source "$(dirname "$0")/../lib/smoke-helpers.sh"

WORK="$(mktemp -d)"
NATS_PORT="$(free_port)"
nats-server -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$WORK/js" >"$WORK/nats.log" 2>&1 &
NATS_PID=$!
cleanup() {
  stop_atmo
  kill "$NATS_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$NATS_PORT") 2>/dev/null && break; sleep 0.1; done

cp -r "$ROOT/examples/login-events" "$WORK/bundle"
sed -i "s|nats://127.0.0.1:4222|nats://127.0.0.1:$NATS_PORT|" "$WORK/bundle/Directive.yaml"
start_atmo "$WORK/bundle"
trap cleanup EXIT
NATS="$ROOT/examples/lib/nats.py nats://127.0.0.1:$NATS_PORT"

completions="$($NATS collect user.login-completed 3 20 -- sh -c "
  $NATS pub user.login '{\"user\":\"ada\",\"at\":\"2026-11-28T10:00:00Z\"}'
  $NATS pub user.login '{\"user\":\"ada\",\"at\":\"2026-11-28T11:00:00Z\"}'
  $NATS pub user.login '{\"user\":\"grace\",\"at\":\"2026-11-28T12:00:00Z\"}'")"
expect "three completions published" \
'{"to":"ada@example.com","subject":"New sign-in to your account","logins":2}
{"to":"ada@example.com","subject":"Welcome! This is your first sign-in","logins":1}
{"to":"grace@example.com","subject":"Welcome! This is your first sign-in","logins":1}' \
  "$(echo "$completions" | sort)"

expect "request-reply" '{"to":"ada@example.com","subject":"New sign-in to your account","logins":3}' \
  "$($NATS request user.login '{"user":"ada"}')"
expect "a bad message gets an error reply" '{"status":400,"message":"a login event is a JSON object"}' \
  "$($NATS request user.login 'not json')"

expect "websocket answers login counts" "ada: 3 logins
grace: 1 logins
nobody: 0 logins" "$("$JAVA" "$ROOT/examples/lib/WebSocketSay.java" "ws://127.0.0.1:$PORT/logins" ada grace nobody)"
finish
