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
source "$ROOT/bench/lib.sh"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000000 10000000)

bench_compile "$ROOT/bench/src/BareCsvToParquet.java"
results="$ROOT/bench/results/ingest.tsv"
[[ -f "$results" ]] || printf 'date\tmachine\tmaster\trows\tcsv_mb\tbare_s\tlakeml_s\tratio\tlakeml_rows_per_s_per_core\n' > "$results"

for rows in "${sizes[@]}"; do
  lake="$WORK/lake-$rows"
  rm -rf "$lake"
  "$ROOT/bin/lakeml" --master "$MASTER" generate --run-date 2026-11-01 \
    --set lake.root="$lake" --set generate.rows="$rows" --set generate.dirty-fraction=0.01 >/dev/null
  raw="$lake/raw/insurance_claims/run_date=2026-11-01"
  mb="$(du -sm "$raw" | cut -f1)"

  bare="$("${SUBMIT[@]}" --class BareCsvToParquet "$WORK/bench.jar" "$raw" "$WORK/bare-$rows" | grep '^BARE')"
  bare_ms="$(field "$bare" elapsed_ms)"

  "$ROOT/bin/lakeml" --master "$MASTER" --driver-memory "$DRIVER_MEMORY" "${extra_conf[@]}" ingest --conf "$ROOT/conf/pipelines/fraud.conf" \
    --run-date 2026-11-01 --set lake.root="$lake" --set ingest.source.path= >/dev/null
  manifest="$(ls "$lake"/runs/ingest/run_date=2026-11-01/*.json | head -n1)"
  lakeml_ms="$(step_ms "$manifest" ingest)"

  ratio="$(awk -v b="$bare_ms" -v l="$lakeml_ms" 'BEGIN{printf "%.2f", b/l}')"
  per_core="$(awk -v r="$rows" -v l="$lakeml_ms" -v c="$(master_cores)" 'BEGIN{printf "%.0f", r/(l/1000)/c}')"
  line="$(date -u +%F)\t$MACHINE\t$MASTER\t$rows\t$mb\t$(awk -v x="$bare_ms" 'BEGIN{printf "%.1f", x/1000}')\t$(awk -v x="$lakeml_ms" 'BEGIN{printf "%.1f", x/1000}')\t$ratio\t$per_core"
  printf "$line\n" >> "$results"
  printf "rows=%s csv=%sMB bare=%sms lakeml=%sms throughput ratio (bare time / lakeml time)=%s lakeml rows/s/core=%s\n" \
    "$rows" "$mb" "$bare_ms" "$lakeml_ms" "$ratio" "$per_core"
done
