#!/usr/bin/env bash
# Assembles a Spark home from Maven Central into build/spark-home (jars are symbolic links into
# the local Maven repository, so it costs no disk) and prints its path. The versions come from the
# root pom.xml, the one place they are written; rebuilt only when they or bin/spark-home/pom.xml
# change. Used by bin/lakeml and the local-cluster scripts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bin/lib.sh"
HOME_DIR="$ROOT/build/spark-home"
POM="$ROOT/bin/spark-home/pom.xml"
STAMP="$HOME_DIR/.stamp"
versions=()
for p in spark.version scala.binary.version hadoop.version iceberg.version sqlite-jdbc.version \
    jackson.version slf4j.version; do
  versions+=("-D$p=$(pom_property "$p")")
done

if ! stamp_fresh "$STAMP" "$(cat "$POM")" "${versions[@]}" || [[ ! -d "$HOME_DIR/jars" ]]; then
  echo "lakeml: assembling a Spark home in $HOME_DIR (first use; resolves from Maven Central)" >&2
  rm -rf "$HOME_DIR"
  mkdir -p "$HOME_DIR/jars"
  cp_file="$HOME_DIR/classpath.txt"
  mvn -q -B -f "$POM" "${versions[@]}" dependency:build-classpath -Dmdep.outputFile="$cp_file" \
    -Dmdep.includeScope=runtime >&2
  # The class path has no trailing newline: read's last line must not be dropped.
  tr ':' '\n' < "$cp_file" | while read -r jar || [[ -n "$jar" ]]; do
    [[ -n "$jar" ]] && ln -sf "$jar" "$HOME_DIR/jars/$(basename "$jar")"
  done
  # Spark's launcher looks for a RELEASE file to know the jars folder is a distribution's.
  echo "Spark $(pom_property spark.version) (assembled by lakeml from Maven Central)" > "$HOME_DIR/RELEASE"
  stamp_write "$STAMP" "$(cat "$POM")" "${versions[@]}"
  echo "lakeml: Spark home ready: $(ls "$HOME_DIR/jars" | wc -l) jars" >&2
fi
echo "$HOME_DIR"
