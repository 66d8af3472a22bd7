#!/usr/bin/env bash
# Draws bench/results/training.png and throughput.png from the measurements in bench/results/*.tsv
# (bench/src/BenchCharts.java, with XChart, the chart library lakeml's reports use).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's:.*<xchart.version>\(.*\)</xchart.version>.*:\1:p' "$ROOT/pom.xml")"
xchart="$HOME/.m2/repository/org/knowm/xchart/xchart/$version/xchart-$version.jar"
[[ -f "$xchart" ]] || mvn -q -B dependency:get -Dartifact="org.knowm.xchart:xchart:$version" -Dtransitive=false
out="${LAKEML_BENCH_DIR:-$ROOT/build/bench}/charts"
rm -rf "$out" && mkdir -p "$out"
javac -d "$out" -cp "$xchart" "$ROOT/bench/src/BenchCharts.java"
java -Djava.awt.headless=true -cp "$out:$xchart" BenchCharts "$ROOT/bench/results"
ls "$ROOT"/bench/results/*.png
