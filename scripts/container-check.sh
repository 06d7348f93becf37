#!/usr/bin/env bash
# Builds the container image from the repository's Dockerfile with podman and checks it as a user would
# run it: as uid 999, answering /health and the hello example, passing its own HEALTHCHECK, loading
# compiled modules from a cache volume on its second start, stopping with exit 0 within the grace
# period, and exiting non-zero with the error in its log for a broken bundle. Prints the image size.
#
#   scripts/container-check.sh            (as root; needs podman, runc and debootstrap)
#
# Where no image registry is reachable, the base images the Dockerfile names are made locally as
# stand-ins (Debian bookworm from debootstrap, and the same plus this machine's JDK at /opt/java/openjdk
# as eclipse-temurin:21-jdk); they are kept in podman's image store and reused by the next run.
# Set ATMO_IMAGE_BEFORE=Dockerfile-path to also build and time another Dockerfile for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNTIME="${ATMO_CONTAINER_RUNTIME:-/usr/sbin/runc}"
PODMAN=(quiet_podman --runtime "$RUNTIME" --cgroup-manager=cgroupfs)
LIMITS=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
CACHE="${ATMO_CONTAINER_CACHE:-/var/cache/atmo-container}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
IMAGE="${ATMO_IMAGE:-localhost/atmo:check}"
NAME="atmo-check-$$"
VOLUME="atmo-check-cache-$$"
GRACE=10

# podman without systemd says on every start and stop of a container with a HEALTHCHECK that it cannot
# set up a timer; `podman healthcheck run` works without one, so those lines are left out.
quiet_podman() {
  podman "$@" 2> >(grep -v 'systemd connection' >&2)
}

for tool in podman debootstrap curl; do
  command -v "$tool" >/dev/null || { echo "container-check: $tool is missing (apt-get install podman runc debootstrap curl)" >&2; exit 1; }
done
[ -x "$RUNTIME" ] || { echo "container-check: $RUNTIME is missing (apt-get install runc)" >&2; exit 1; }

cleanup() {
  "${PODMAN[@]}" rm -f "$NAME" "$NAME-bad" >/dev/null 2>&1 || true
  "${PODMAN[@]}" volume rm -f "$VOLUME" >/dev/null 2>&1 || true
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

now_ms() {
  date +%s%3N
}

# --- stand-in base images -------------------------------------------------------------------------
java_home() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*21*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ]; then
      echo "$candidate"
      return
    fi
  done
  echo "container-check: no JDK >= 21 with jlink found for the stand-in eclipse-temurin image" >&2
  exit 1
}

make_rootfs() {
  if [ -f "$CACHE/bookworm.tar" ]; then
    return
  fi
  echo "== debootstrap --variant=minbase bookworm (once; kept in $CACHE)"
  mkdir -p "$CACHE"
  rm -rf "$CACHE/rootfs"
  debootstrap --variant=minbase bookworm "$CACHE/rootfs" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
    || { tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
  # as the published slim images: no apt caches, documentation or translations
  rm -rf "$CACHE/rootfs/var/cache/apt/"*.bin "$CACHE/rootfs/var/cache/apt/archives/"*.deb \
    "$CACHE/rootfs/var/lib/apt/lists/"* "$CACHE/rootfs/usr/share/doc/"* "$CACHE/rootfs/usr/share/man/"* \
    "$CACHE/rootfs/usr/share/locale/"* "$CACHE/rootfs/usr/share/info/"*
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-exclude /usr/share/man/*' 'path-exclude /usr/share/locale/*' \
    'path-exclude /usr/share/info/*' > "$CACHE/rootfs/etc/dpkg/dpkg.cfg.d/slim"
  printf '%s\n' 'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };' \
    'Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";' > "$CACHE/rootfs/etc/apt/apt.conf.d/docker-clean"
  tar -C "$CACHE/rootfs" -cf "$CACHE/bookworm.tar.tmp" .
  mv "$CACHE/bookworm.tar.tmp" "$CACHE/bookworm.tar"
  rm -rf "$CACHE/rootfs"
}

base_images() {
  local path_env="PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  if ! "${PODMAN[@]}" image exists docker.io/library/debian:bookworm-slim; then
    make_rootfs
    echo "== stand-in debian:bookworm-slim"
    "${PODMAN[@]}" import --change "ENV $path_env" --change 'CMD ["bash"]' "$CACHE/bookworm.tar" \
      docker.io/library/debian:bookworm-slim >/dev/null
  fi
  if ! "${PODMAN[@]}" image exists docker.io/library/eclipse-temurin:21-jdk; then
    make_rootfs
    local jdk work
    jdk="$(java_home)"
    work="$(mktemp -d)"
    echo "== stand-in eclipse-temurin:21-jdk with $jdk at /opt/java/openjdk"
    tar -C "$work" -xf "$CACHE/bookworm.tar"
    mkdir -p "$work/opt/java"
    cp -a "$jdk" "$work/opt/java/openjdk"
    # the JDK's trust store may be a link into the host's /etc; the image gets the file itself there
    local cacerts="$work/opt/java/openjdk/lib/security/cacerts"
    if [ -L "$cacerts" ]; then
      local target
      target="$(readlink -f "$jdk/lib/security/cacerts")"
      mkdir -p "$work$(dirname "$target")"
      cp "$target" "$work$target"
    fi
    tar -C "$work" -cf "$work.tar" .
    "${PODMAN[@]}" import --change "ENV JAVA_HOME=/opt/java/openjdk" \
      --change "ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      --change "ENV LANG=C.UTF-8" --change 'CMD ["jshell"]' "$work.tar" docker.io/library/eclipse-temurin:21-jdk >/dev/null
    "${PODMAN[@]}" tag docker.io/library/eclipse-temurin:21-jdk docker.io/library/eclipse-temurin:21-jre
    rm -rf "$work" "$work.tar"
  fi
}

# --- build ----------------------------------------------------------------------------------------
build() {
  local dockerfile="$1" tag="$2" log="$3" start
  start="$(now_ms)"
  if ! "${PODMAN[@]}" build --format docker --network host -f "$dockerfile" -t "$tag" . >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "container-check: the image build failed (whole log: $log)" >&2
    exit 1
  fi
  echo "built $tag from $dockerfile in $(( ($(now_ms) - start) / 1000 )) s"
}

image_size() {
  "${PODMAN[@]}" image inspect "$1" --format '{{.Size}}' | awk '{printf "%.1f MB", $1 / 1000000}'
}

# --- run and check --------------------------------------------------------------------------------
fail() {
  echo "container-check: $1" >&2
  "${PODMAN[@]}" logs "$NAME" 2>&1 | tail -30 >&2 || true
  exit 1
}

run_hello() {
  local port="$1"; shift
  "${PODMAN[@]}" run -d --name "$NAME" --network host "${LIMITS[@]}" -e ATMO_HTTP_PORT="$port" \
    -v "$PWD/examples/hello:/home/atmo/bundle:ro" "$@" "$IMAGE" bundle >/dev/null
}

# Waits for the hello route to answer; prints the milliseconds since $2.
wait_hello() {
  local port="$1" since="$2"
  for _ in $(seq 1 600); do
    if [ "$(curl -fsS -d world "http://127.0.0.1:$port/hello" 2>/dev/null)" = "hello world" ]; then
      echo $(( $(now_ms) - since ))
      return
    fi
    sleep 0.05
  done
  fail "the hello example did not answer within 30 s"
}

wait_log() {
  local text="$1"
  for _ in $(seq 1 300); do
    "${PODMAN[@]}" logs "$NAME" 2>&1 | grep -qF "$text" && return
    sleep 0.1
  done
  fail "the log never said: $text"
}

stop_and_check() {
  local start code
  start="$(now_ms)"
  "${PODMAN[@]}" stop -t "$GRACE" "$NAME" >/dev/null
  local took=$(( $(now_ms) - start ))
  code="$("${PODMAN[@]}" inspect "$NAME" --format '{{.State.ExitCode}}')"
  [ "$code" = 0 ] || fail "podman stop: exit code $code, expected 0"
  [ "$took" -lt $(( GRACE * 1000 )) ] || fail "podman stop took $took ms, more than the $GRACE s grace period"
  echo "ok: podman stop ended it in $took ms with exit 0"
  "${PODMAN[@]}" rm "$NAME" >/dev/null
}

check_image() {
  local port uid start ms
  port="$(free_port)"
  "${PODMAN[@]}" volume create "$VOLUME" >/dev/null
  start="$(now_ms)"
  run_hello "$port" -v "$VOLUME:/home/atmo/module-cache" -e ATMO_LOG_LEVEL=debug
  ms="$(wait_hello "$port" "$start")"
  echo "ok: POST /hello answered 'hello world', $ms ms after podman run"
  uid="$("${PODMAN[@]}" exec "$NAME" sh -c 'id -u')"
  [ "$uid" = 999 ] || fail "the server runs as uid $uid, expected 999"
  local top
  top="$("${PODMAN[@]}" top "$NAME" user args | awk 'NR > 1 && /java/ {print $1}' | head -1)"
  [ "$top" = atmo ] || fail "the java process runs as '$top', expected atmo"
  echo "ok: the server runs as uid 999 (atmo)"
  [ "$(curl -fsS "http://127.0.0.1:$port/health")" != "" ] || fail "/health answered nothing"
  echo "ok: /health answers: $(curl -fsS "http://127.0.0.1:$port/health")"
  "${PODMAN[@]}" healthcheck run "$NAME" || fail "the image's HEALTHCHECK failed"
  echo "ok: the image's HEALTHCHECK passes"
  wait_log "Runnable hello: compiled"
  stop_and_check

  port="$(free_port)"
  run_hello "$port" -v "$VOLUME:/home/atmo/module-cache" -e ATMO_LOG_LEVEL=debug
  wait_hello "$port" "$(now_ms)" >/dev/null
  wait_log "Runnable hello: compiled code read from the module cache"
  echo "ok: the second start read the compiled module from the cache volume"
  stop_and_check

  "${PODMAN[@]}" run --name "$NAME-bad" --network host "${LIMITS[@]}" -e ATMO_HTTP_PORT="$(free_port)" \
    -v "$PWD/testdata/bundles/broken:/home/atmo/bundle:ro" "$IMAGE" bundle >/dev/null 2>&1 && code=0 || code=$?
  [ "$code" != 0 ] || fail "a broken bundle: the container exited 0"
  "${PODMAN[@]}" logs "$NAME-bad" 2>&1 | grep -q "app version is not a valid semantic version" \
    || { "${PODMAN[@]}" logs "$NAME-bad" >&2; fail "a broken bundle: its error is not in podman logs"; }
  echo "ok: a broken bundle makes the container exit $code with the error in podman logs"
}

# Median of five starts to the first answer from the hello example.
start_time() {
  local image="$1" port start times=()
  for _ in 1 2 3 4 5; do
    port="$(free_port)"
    start="$(now_ms)"
    "${PODMAN[@]}" run -d --name "$NAME" --network host "${LIMITS[@]}" -e ATMO_HTTP_PORT="$port" \
      -v "$PWD/examples/hello:/home/atmo/bundle:ro" "$image" bundle >/dev/null
    times+=("$(wait_hello "$port" "$start")")
    "${PODMAN[@]}" rm -f "$NAME" >/dev/null
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}

# The Compose file of docs/deployment.md, with podman-compose: stand-ins for the nats and redis images
# are made from Debian's packages when the registry's are not there.
service_image() {
  local image="$1" package="$2" entrypoint="$3" dir
  "${PODMAN[@]}" image exists "$image" && return
  echo "== stand-in $image from Debian's $package"
  dir="$(mktemp -d)"
  printf '%s\n' 'FROM docker.io/library/debian:bookworm-slim' \
    "RUN apt-get update && apt-get install -y --no-install-recommends $package && apt-get clean && rm -rf /var/lib/apt/lists/*" \
    ${entrypoint:+"ENTRYPOINT [\"$entrypoint\"]"} > "$dir/Containerfile"
  "${PODMAN[@]}" build --format docker --network host -t "$image" "$dir" >"$dir/build.log" 2>&1 \
    || { tail -20 "$dir/build.log" >&2; exit 1; }
  rm -rf "$dir"
}

check_compose() {
  if ! command -v podman-compose >/dev/null; then
    echo "skipped: the Compose file (podman-compose is not installed: apt-get install podman-compose)"
    return
  fi
  service_image docker.io/library/nats:2 nats-server nats-server
  service_image docker.io/library/redis:7 redis-server ""
  "${PODMAN[@]}" tag "$IMAGE" localhost/atmo:latest
  local project="atmo-check-$$" nats_port redis_port
  nats_port="$(free_port)"; redis_port="$(free_port)"
  export NATS_PORT="$nats_port" REDIS_PORT="$redis_port" ATMO_PORT="$(free_port)"
  compose() {
    (cd deploy/compose && podman-compose --podman-args="--runtime $RUNTIME --cgroup-manager=cgroupfs" \
      --podman-run-args="--ulimit nofile=1024:1024 --ulimit nproc=1024:1024" -p "$project" "$@")
  }
  compose up -d >"${TMPDIR:-/tmp}/atmo-compose.log" 2>&1 || { cat "${TMPDIR:-/tmp}/atmo-compose.log" >&2; fail "podman-compose up failed"; }
  local nats="examples/lib/nats.py nats://127.0.0.1:$nats_port" reply=""
  for _ in $(seq 1 120); do
    reply="$($nats collect user.login-completed 1 2 -- $nats pub user.login '{"user":"ada","at":"2026-12-01T10:00:00Z"}' 2>/dev/null || true)"
    [ -n "$reply" ] && break
    sleep 1
  done
  local count
  count="$(redis-cli -p "$redis_port" --raw keys 'logins:*' 2>/dev/null | wc -l)"
  compose down -v >>"${TMPDIR:-/tmp}/atmo-compose.log" 2>&1 || true
  case "$reply" in
    *'"to":"ada@example.com"'*) ;;
    *) cat "${TMPDIR:-/tmp}/atmo-compose.log" >&2; fail "the Compose file: no login completion from Atmo (got '$reply')" ;;
  esac
  [ "$count" -ge 1 ] || fail "the Compose file: the login count is not in Redis"
  echo "ok: the Compose file runs Atmo with NATS and Redis: $reply"
}

base_images
build Dockerfile "$IMAGE" "${TMPDIR:-/tmp}/atmo-image-build.log"
check_image
check_compose
echo "image $IMAGE: $(image_size "$IMAGE"); start to first answer (median of 5): $(start_time "$IMAGE") ms"
if [ -n "${ATMO_IMAGE_BEFORE:-}" ]; then
  build "$ATMO_IMAGE_BEFORE" localhost/atmo:before "${TMPDIR:-/tmp}/atmo-image-before.log"
  echo "image localhost/atmo:before: $(image_size localhost/atmo:before); start to first answer (median of 5): $(start_time localhost/atmo:before) ms"
fi
echo "container check passed"
