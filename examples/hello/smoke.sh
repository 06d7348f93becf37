#!/usr/bin/env bash
# Smoke test of the hello example: start atmo on it and check the answer with curl.
source "$(dirname "$0")/../lib/smoke-helpers.sh"

start_atmo "$ROOT/examples/hello"
expect "POST /hello" "hello world" "$(curl -s -d world "localhost:$PORT/hello")"
expect "unknown route" "404" "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/nope")"
finish
