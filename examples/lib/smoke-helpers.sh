#!/usr/bin/env bash
# Shared helpers for the examples' smoke tests: start atmo on a bundle, wait for it, check answers.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/atmo-cli/target/atmo.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
FAILURES=0

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_atmo BUNDLE [ARGS...]: starts atmo on a free port, sets PORT and ATMO_PID, waits until it serves.
start_atmo() {
  local bundle="$1"
  shift
  PORT="$(free_port)"
  ATMO_LOG="$(mktemp)"
  "$JAVA" -jar "$JAR" start --host 127.0.0.1 --port "$PORT" "$@" "$bundle" >"$ATMO_LOG" 2>&1 &
  ATMO_PID=$!
  trap stop_atmo EXIT
  for _ in $(seq 1 120); do
    if grep -q "serving on" "$ATMO_LOG"; then
      return 0
    fi
    if ! kill -0 "$ATMO_PID" 2>/dev/null; then
      echo "atmo exited early:"
      cat "$ATMO_LOG"
      exit 1
    fi
    sleep 0.5
  done
  echo "atmo did not start:"
  cat "$ATMO_LOG"
  exit 1
}

stop_atmo() {
  if [ -n "${ATMO_PID:-}" ]; then
    kill "$ATMO_PID" 2>/dev/null || true
    wait "$ATMO_PID" 2>/dev/null || true
    ATMO_PID=""
  fi
}

# log_count PATTERN: how many lines of the atmo log match PATTERN, once at least one does or after 10 s.
# The log is written in batches, so a line may reach the file a moment after the answer it belongs to.
log_count() {
  for _ in $(seq 1 40); do
    if grep -q "$1" "$ATMO_LOG"; then
      break
    fi
    sleep 0.25
  done
  grep -c "$1" "$ATMO_LOG" || true
}

# expect NAME EXPECTED ACTUAL
expect() {
  if [ "$2" == "$3" ]; then
    echo "ok   $1"
  else
    echo "FAIL $1: expected [$2], got [$3]"
    FAILURES=$((FAILURES + 1))
  fi
}

finish() {
  stop_atmo
  if [ "$FAILURES" -gt 0 ]; then
    echo "$FAILURES check(s) failed; atmo log:"
    cat "$ATMO_LOG"
    exit 1
  fi
  echo "all checks passed"
}
