#!/usr/bin/env bash
# Runs the README's set-up as a new user would: a fresh clone, JAVA_HOME unset and an older java (17, when the
# machine has one) first on PATH. Runs the README's first command and its curl verbatim, expects the answer
# the README shows, stops the server, and checks that the README's test command is the one .ci/run runs.
# Needs port 8080 free (the README's curl uses it).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
readme="$repo/README.md"

# the README's code blocks under "## Set up", in order
blocks="$(awk '/^## Set up/ {on=1; next} /^## / && on {exit} on' "$readme" \
  | awk '/^```sh$/ {inside=1; n++; next} /^```$/ {inside=0; next} inside {print n "\t" $0}')"
first="$(awk -F'\t' '$1 == 1 {print $2; exit}' <<<"$blocks")"
curl_line="$(awk -F'\t' '$2 ~ /^curl / {print $2; exit}' <<<"$blocks")"
answer="$(awk -F'\t' '$2 ~ /^curl / {found=1; next} found && $2 ~ /^# / {sub(/^# /, "", $2); print $2; exit}' <<<"$blocks")"
test_command="$(awk -F'\t' '$2 ~ /^\.\/mvnw / {print $2; exit}' <<<"$blocks")"
for what in first curl_line answer test_command; do
  if [ -z "${!what}" ]; then
    echo "readme-check: could not find the README's $what under '## Set up'" >&2
    exit 1
  fi
done
if ! grep -qxF "$test_command" "$repo/.ci/run"; then
  echo "readme-check: the README's test command '$test_command' is not what .ci/run runs" >&2
  exit 1
fi
if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
  echo "readme-check: port 8080 is in use; the README's curl needs it" >&2
  exit 1
fi

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
git clone -q "$repo" "$work/atmo"

old_java=""
for candidate in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/*17*; do
  if [ -x "$candidate/bin/java" ]; then
    old_java="$candidate/bin"
    break
  fi
done
user_path="${old_java:+$old_java:}/usr/local/bin:/usr/bin:/bin"
echo "readme-check: in a fresh clone, JAVA_HOME unset, PATH=$user_path"
echo "readme-check: \$ $first"
(cd "$work/atmo" && exec env -u JAVA_HOME PATH="$user_path" bash -c "exec $first") >"$work/server.log" 2>&1 &
server=$!

# the first run builds the jar: allow for a slow machine
got=""
for _ in $(seq 1 600); do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "readme-check: '$first' exited before serving:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  if got="$(cd "$work/atmo" && env -u JAVA_HOME PATH="$user_path" bash -c "$curl_line" 2>/dev/null)"; then
    break
  fi
  sleep 1
done
echo "readme-check: \$ $curl_line"
echo "$got"
if [ "$got" != "$answer" ]; then
  echo "readme-check: expected '$answer' as the README shows" >&2
  cat "$work/server.log" >&2
  exit 1
fi
kill "$server"
wait "$server" 2>/dev/null || true
server=""
# the launcher's class-data archive, made as the first start exits, is what later starts load their classes from
if [ ! -s "$work/atmo/atmo-cli/target/atmo-start.jsa" ]; then
  echo "readme-check: the first 'atmo start' left no class-data archive at atmo-cli/target/atmo-start.jsa" >&2
  exit 1
fi
# the documented install step: the launcher linked into a directory on PATH works from anywhere, as does
# scripts/atmo, the image's launcher, run from the checkout
mkdir -p "$work/bin" "$work/elsewhere"
(cd "$work/atmo" && ln -s "$PWD/atmo" "$work/bin/atmo")
for launcher in atmo "$work/atmo/scripts/atmo"; do
  if ! out="$(cd "$work/elsewhere" && env -u JAVA_HOME PATH="$work/bin:$user_path" "$launcher" --version)"; then
    echo "readme-check: '$launcher --version' failed outside the checkout" >&2
    exit 1
  fi
  echo "readme-check: $launcher --version: $out"
done
echo "readme-check: the README's commands work; its test command is the one .ci/run runs ($test_command)"
