#!/usr/bin/env bash
# Scoring benchmark: `lakeml score` (the champion model's full feature pipeline and logistic
# regression, schema check against the training schema, the written rows counted back) against a
# bare read.parquet(...).write.parquet(...) of the same curated rows, in the same run.
#
#   bench/run-score.sh [ROWS ...]      default: 1000000 10000000
#
# The model is trained once on a 20,000-row day (fraud-weekly-training.conf); each size is a
# generated, ingested day scored with it. lakeml's time is the score step's duration from its run
# manifest; the bare copy is timed inside its application (start-up excluded on both sides).
# Then, on the largest day, bench/src/ScoreFloor.java times in one warm application the copy, the
# champion's fitted pipeline and the smallest Spark ML model (assembler + logistic regression):
# results/score-floor.tsv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000000 10000000)
daily="$ROOT/conf/pipelines/fraud-daily-scoring.conf"
weekly="$ROOT/conf/pipelines/fraud-weekly-training.conf"
lakeml() { "$ROOT/bin/lakeml" --master "$MASTER" --driver-memory "$DRIVER_MEMORY" "$@" >/dev/null; }

bench_compile "$ROOT/bench/src/BareParquetCopy.java" "$ROOT/bench/src/ScoreFloor.java"
lake="$WORK/score-lake"
rm -rf "$lake"
common=(--set lake.root="$lake")
lakeml generate --conf "$daily" --run-date 2026-11-01 "${common[@]}" --set generate.rows=20000
lakeml ingest --conf "$daily" --run-date 2026-11-01 "${common[@]}"
lakeml pipeline --conf "$weekly" --run-date 2026-11-01 "${common[@]}" --set train.input-days=1

results="$ROOT/bench/results/score.tsv"
[[ -f "$results" ]] || printf 'date\tmachine\tmaster\trows\tcurated_mb\tbare_s\tlakeml_s\ttime_ratio\tbare_peak_rss_mb\tlakeml_peak_rss_mb\n' > "$results"
day=2
for rows in "${sizes[@]}"; do
  date="2026-11-$(printf %02d "$day")"; day=$((day + 1))
  lakeml generate --conf "$daily" --run-date "$date" "${common[@]}" --set generate.rows="$rows"
  lakeml ingest --conf "$daily" --run-date "$date" "${common[@]}"
  # The day's data files of the curated Iceberg table (a fresh lake holds no other snapshot's).
  curated="$lake/curated/insurance_claims/data/run_date=$date"
  mb="$(du -sm "$curated" | cut -f1)"

  bare="$(peak_rss "${SUBMIT[@]}" --class BareParquetCopy "$WORK/bench.jar" "$curated" "$WORK/copy-$rows" | grep '^BARE')"
  bare_rss="$(cat "$WORK/peak_rss_mb")"
  bare_ms="$(field "$bare" elapsed_ms)"

  peak_rss "$ROOT/bin/lakeml" --master "$MASTER" --driver-memory "$DRIVER_MEMORY" score --conf "$daily" \
    --run-date "$date" "${common[@]}" >/dev/null
  lakeml_rss="$(cat "$WORK/peak_rss_mb")"
  manifest="$(ls -t "$lake"/runs/score/run_date="$date"/*.json | head -n1)"
  lakeml_ms="$(step_ms "$manifest" score)"

  ratio="$(awk -v b="$bare_ms" -v l="$lakeml_ms" 'BEGIN{printf "%.2f", l/b}')"
  printf '%s\t%s\t%s\t%s\t%s\t%.1f\t%.1f\t%s\t%s\t%s\n' "$(date -u +%F)" "$MACHINE" "$MASTER" "$rows" "$mb" \
    "$(awk -v x="$bare_ms" 'BEGIN{print x/1000}')" "$(awk -v x="$lakeml_ms" 'BEGIN{print x/1000}')" \
    "$ratio" "$bare_rss" "$lakeml_rss" | tee -a "$results"
done

# Warm, in one application: where the scoring time goes on the largest day.
floor_results="$ROOT/bench/results/score-floor.tsv"
[[ -f "$floor_results" ]] || printf 'date\tmachine\tmaster\trows\tparquet_copy_s\tfitted_pipeline_s\tassembler_and_lr_s\tpipeline_vs_copy\n' > "$floor_results"
version="$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['version'])" "$lake/models/fraud_weekly/_aliases/champion.json")"
floor="$("${SUBMIT[@]}" --class ScoreFloor "$WORK/bench.jar" "$lake/models/fraud_weekly/$version/model" \
  "$curated" "$WORK/score-floor" 2 policy_number | grep '^FLOOR')"
seconds() { echo "$floor" | grep "variant=$1 " | sed 's/.*elapsed_ms=\([0-9]*\).*/\1/' | awk '{printf "%.1f", $1/1000}'; }
copy_s="$(seconds parquet_copy)"; pipeline_s="$(seconds fitted_pipeline)"; smallest_s="$(seconds assembler_and_lr)"
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$MACHINE" "$MASTER" "$rows" "$copy_s" "$pipeline_s" \
  "$smallest_s" "$(awk -v p="$pipeline_s" -v c="$copy_s" 'BEGIN{printf "%.2f", p/c}')" | tee -a "$floor_results"
