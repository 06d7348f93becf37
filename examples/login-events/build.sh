#!/bin/sh
# Rebuilds the Runnables of this bundle from their sources.
exec "$(dirname "$0")/../lib/rust/build-runnables.sh" "$(dirname "$0")"
