#!/usr/bin/env bash
# Smoke test of the graphql example: a local stand-in for GitHub's GraphQL API that demands a token, a copy of
# the example's Directive whose authentication names that stand-in instead of api.github.com, and atmo started
# with the token in GITHUB_TOKEN. The Runnable never sees the token; only the right one gets an answer.
source "$(dirname "$0")/../lib/smoke-helpers.sh"

TOKEN="smoke-token-$RANDOM$RANDOM"
FAKE_PORT="$(free_port)"
FAKE_LOG="$(mktemp)"
BUNDLE="$(mktemp -d)"

"$JAVA" "$ROOT/examples/graphql/FakeGitHub.java" "$FAKE_PORT" "$TOKEN" >"$FAKE_LOG" 2>&1 &
FAKE_PID=$!
stop_all() {
  stop_atmo
  kill "$FAKE_PID" 2>/dev/null || true
  wait "$FAKE_PID" 2>/dev/null || true
  rm -rf "$BUNDLE"
}
trap stop_all EXIT
for _ in $(seq 1 60); do
  grep -q "listening on" "$FAKE_LOG" && break
  sleep 0.5
done
grep -q "listening on" "$FAKE_LOG" || { echo "the stand-in did not start:"; cat "$FAKE_LOG"; exit 1; }

cp "$ROOT/examples/graphql/Directive.yaml" "$BUNDLE/"
cp -r "$ROOT/examples/graphql/repository" "$BUNDLE/"
sed -i "s/^    api\.github\.com:\$/    \"127.0.0.1:$FAKE_PORT\":/" "$BUNDLE/Directive.yaml"
grep -q "\"127.0.0.1:$FAKE_PORT\":" "$BUNDLE/Directive.yaml" || { echo "could not rewrite the Directive"; exit 1; }
ENDPOINT="http://127.0.0.1:$FAKE_PORT/graphql"

export GITHUB_TOKEN="$TOKEN"
start_atmo "$BUNDLE"
trap stop_all EXIT
expect "the right token gets the repository" \
  '{"data":{"repository":{"name":"reactr","nameWithOwner":"suborbital/reactr"}}}' \
  "$(curl -s -d "$ENDPOINT" "localhost:$PORT/repository/suborbital/reactr")"
expect "owner and name come from the route" \
  '{"data":{"repository":{"name":"atmo","nameWithOwner":"suborbital/atmo"}}}' \
  "$(curl -s -d "$ENDPOINT" "localhost:$PORT/repository/suborbital/atmo")"
expect "the stand-in saw the token" "2" "$(grep -c "authorized=true" "$FAKE_LOG")"
stop_atmo

export GITHUB_TOKEN="wrong-$TOKEN"
start_atmo "$BUNDLE"
trap stop_all EXIT
expect "a wrong token is an error" \
  "502 {\"status\":502,\"message\":\"the GraphQL query to $ENDPOINT failed\"}" \
  "$(curl -s -w '%{http_code} ' -o /tmp/graphql-smoke-body.$$ -d "$ENDPOINT" "localhost:$PORT/repository/suborbital/reactr"; cat /tmp/graphql-smoke-body.$$; rm -f /tmp/graphql-smoke-body.$$)"
expect "the stand-in refused it" "1" "$(grep -c "authorized=false" "$FAKE_LOG")"
finish
