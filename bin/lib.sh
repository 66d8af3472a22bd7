# Shared by bin/lakeml, bin/cluster.sh, bin/s3proxy.sh and bin/spark-home.sh (sourced, not run):
# the versions of the stack, read from the one place they are written (the root pom.xml), usage
# from a script's header, pid files and rebuild stamps.
# shellcheck shell=bash

LAKEML_ROOT="${LAKEML_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"

# pom_property NAME: a property of the root pom.xml (spark.version, scala.binary.version,
# iceberg.version, hadoop.version), or the project's version for "project.version".
pom_property() {
  local pom="$LAKEML_ROOT/pom.xml"
  if [[ "$1" == project.version ]]; then
    sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$pom" | head -n 1
  else
    sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$pom" | head -n 1
  fi
}

# usage_from_header SCRIPT: the comment block under the script's first line, without "# ".
usage_from_header() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"
}

# pid_alive PIDFILE: whether the process the file names is running.
pid_alive() {
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# pid_stop PIDFILE: stops that process (TERM, then KILL after 5 s) and removes the file.
pid_stop() {
  local pid
  if pid_alive "$1"; then
    pid="$(cat "$1")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$1"
}

# stamp_fresh STAMP TEXT...: whether STAMP holds the checksum of the TEXT arguments (what a
# rebuild depends on: a pom's content, the versions). stamp_write STAMP TEXT... records it.
stamp_sum() {
  printf '%s\n' "$@" | sha256sum | cut -d' ' -f1
}
stamp_fresh() {
  local stamp="$1"; shift
  [[ -f "$stamp" && "$(cat "$stamp")" == "$(stamp_sum "$@")" ]]
}
stamp_write() {
  local stamp="$1"; shift
  stamp_sum "$@" > "$stamp"
}

# wait_until TRIES DELAY COMMAND...: runs COMMAND until it succeeds, at most TRIES times with
# DELAY seconds between; fails when it never did.
wait_until() {
  local tries="$1" delay="$2"; shift 2
  for _ in $(seq 1 "$tries"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep "$delay"
  done
  return 1
}
