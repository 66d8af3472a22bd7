#!/usr/bin/env bash
# Ingest benchmark: lakeml's ingest (the fraud pipeline's full validation: types, rules, dedup,
# outlier statistics, Deequ checks and profile, quarantine, conservation check) against a bare
# spark.read.schema(...).csv(...).write.parquet(...) of the same generated file, in the same run.
#
#   bench/run-ingest.sh [ROWS ...]      default: 1000000 10000000
#
# Each side is timed inside its own Spark application (start-up excluded): lakeml's time is the
# ingest step's duration from its run manifest. Results are appended to bench/results/ingest.tsv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${LAKEML_BENCH_DIR:-$ROOT/build/bench}"
MASTER="${LAKEML_BENCH_MASTER:-local[2]}"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000000 10000000)

SPARK_HOME="$("$ROOT/bin/spark-home.sh")"
mkdir -p "$WORK/classes" "$ROOT/bench/results"
javac -d "$WORK/classes" -cp "$SPARK_HOME/jars/*" "$ROOT/bench/src/BareCsvToParquet.java"
(cd "$WORK/classes" && jar cf "$WORK/bench.jar" ./*.class)
results="$ROOT/bench/results/ingest.tsv"
[[ -f "$results" ]] || printf 'date\tmachine\tmaster\trows\tcsv_mb\tbare_s\tlakeml_s\tratio\tlakeml_rows_per_s_per_core\n' > "$results"
cores="$(nproc)"
machine="${cores} cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n1 | cut -d'"' -f2)"

for rows in "${sizes[@]}"; do
  lake="$WORK/lake-$rows"
  rm -rf "$lake"
  "$ROOT/bin/lakeml" --master "$MASTER" generate --run-date 2026-11-01 \
    --set lake.root="$lake" --set generate.rows="$rows" --set generate.dirty-fraction=0.01 >/dev/null
  raw="$lake/raw/insurance_claims/run_date=2026-11-01"
  mb="$(du -sm "$raw" | cut -f1)"

  bare="$(SPARK_HOME="$SPARK_HOME" SPARK_LOCAL_IP=127.0.0.1 java -Xmx4g -cp "$SPARK_HOME/jars/*" \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
    -Dlog4j2.configurationFile="$ROOT/conf/spark/log4j2.properties" \
    org.apache.spark.deploy.SparkSubmit --master "$MASTER" --driver-memory 4g \
    --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
    --class BareCsvToParquet "$WORK/bench.jar" "$raw" "$WORK/bare-$rows" | grep '^BARE')"
  bare_ms="$(echo "$bare" | sed 's/.*elapsed_ms=\([0-9]*\).*/\1/')"

  "$ROOT/bin/lakeml" --master "$MASTER" ingest --conf "$ROOT/conf/pipelines/fraud.conf" \
    --run-date 2026-11-01 --set lake.root="$lake" --set ingest.source.path= >/dev/null
  manifest="$(ls "$lake"/runs/ingest/run_date=2026-11-01/*.json | head -n1)"
  lakeml_ms="$(/usr/bin/python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print([s for s in m['steps'] if s['name']=='ingest'][0]['duration_ms'])" "$manifest")"

  ratio="$(awk -v b="$bare_ms" -v l="$lakeml_ms" 'BEGIN{printf "%.2f", b/l}')"
  per_core="$(awk -v r="$rows" -v l="$lakeml_ms" -v c="$cores" 'BEGIN{printf "%.0f", r/(l/1000)/c}')"
  line="$(date -u +%F)\t$machine\t$MASTER\t$rows\t$mb\t$(awk -v x="$bare_ms" 'BEGIN{printf "%.1f", x/1000}')\t$(awk -v x="$lakeml_ms" 'BEGIN{printf "%.1f", x/1000}')\t$ratio\t$per_core"
  printf "$line\n" >> "$results"
  printf "rows=%s csv=%sMB bare=%sms lakeml=%sms throughput ratio (bare time / lakeml time)=%s lakeml rows/s/core=%s\n" \
    "$rows" "$mb" "$bare_ms" "$lakeml_ms" "$ratio" "$per_core"
done
