#!/usr/bin/env bash
# Packages examples/hello into the given zip with `atmo bundle`.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -jar atmo-cli/target/atmo.jar bundle examples/hello -o "$1"
