#!/usr/bin/env bash
# Serves the example project and loads it with 64 connections for 30 s (CONNECTIONS, SECONDS override),
# checking that every answer is correct and that a slow route never holds up the fast one.
set -euo pipefail
source "$(dirname "$0")/../examples/lib/smoke-helpers.sh"
start_atmo "$ROOT/testdata/bundles/example-project" --no-run-schedules
"$JAVA" "$ROOT/scripts/LoadCheck.java" "http://127.0.0.1:$PORT" "${CONNECTIONS:-64}" "${SECONDS_TO_RUN:-30}" /slow 500
finish
