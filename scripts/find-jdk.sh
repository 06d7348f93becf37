# Finds a JDK 21 or newer and exports JAVA_HOME to it; sourced (POSIX sh) by the ./atmo launcher and ./mvnw.
# Keeps JAVA_HOME when it already names one; otherwise takes the newest JDK >= 21 among the `java` on PATH
# and the usual install places (Debian/Ubuntu /usr/lib/jvm, Fedora, macOS, SDKMAN!, /opt). When there is
# none it says what to install and returns 1.

atmo_java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) + 0; exit }'
}

atmo_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] \
      && [ "$(atmo_java_major "$JAVA_HOME/bin/java")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  atmo_best="" atmo_best_major=0 atmo_on_path=""
  if command -v java >/dev/null 2>&1; then
    atmo_on_path=$(readlink -f "$(command -v java)" 2>/dev/null || command -v java)
  fi
  atmo_globbing=$(case $- in *f*) echo off ;; *) echo on ;; esac)
  set +f
  for atmo_home in "${atmo_on_path%/bin/java}" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$atmo_home/bin/java" ] && [ -x "$atmo_home/bin/javac" ] || continue
    atmo_major=$(atmo_java_major "$atmo_home/bin/java")
    if [ "${atmo_major:-0}" -gt "$atmo_best_major" ] 2>/dev/null; then
      atmo_best=$atmo_home atmo_best_major=$atmo_major
    fi
  done
  [ "$atmo_globbing" = on ] || set -f
  if [ "$atmo_best_major" -ge 21 ]; then
    if [ -n "${JAVA_HOME:-}" ]; then
      echo "atmo: JAVA_HOME=$JAVA_HOME is not a JDK 21 or newer; using $atmo_best (Java $atmo_best_major)" >&2
    fi
    JAVA_HOME=$atmo_best
    export JAVA_HOME
    return 0
  fi
  {
    echo "atmo: needs a JDK 21 or newer, and none was found"
    if [ -n "$atmo_on_path" ]; then
      echo "  (java on PATH is Java $(atmo_java_major "$atmo_on_path"): $atmo_on_path)"
    fi
    echo "  Install one, then run this again (or point JAVA_HOME at it):"
    echo "    Debian/Ubuntu:  sudo apt install openjdk-21-jdk-headless"
    echo "    Fedora/RHEL:    sudo dnf install java-21-openjdk-devel"
    echo "    macOS:          brew install openjdk@21"
    echo "    anywhere:       https://adoptium.net (Temurin 21 or 25)"
  } >&2
  return 1
}
