#!/usr/bin/env bash
# Ingest benchmark: lakeml's ingest (the fraud pipeline's full validation: types, rules, dedup,
# outlier statistics, quality checks and profile, quarantine, conservation check, both Iceberg
# tables written unpublished and published) against a bare
# spark.read.schema(...).csv(...).write.parquet(...) of the same generated file, in the same run.
#
#   bench/run-ingest.sh [ROWS ...]      default: 1000000 10000000
#
# Each side is timed inside its own Spark application (start-up excluded): lakeml's time is the
# ingest step's duration from its run manifest, with its phases and Spark jobs; peak memory is the
# maximum resident set of each whole process. Results are appended to bench/results/ingest.tsv and
# bench/results/ingest-phases.tsv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000000 10000000)

bench_compile "$ROOT/bench/src/BareCsvToParquet.java"
results="$ROOT/bench/results/ingest.tsv"
[[ -f "$results" ]] || printf 'date\tmachine\tmaster\trows\tcsv_mb\tbare_s\tlakeml_s\tratio\tlakeml_rows_per_s_per_core\n' > "$results"
phases="$ROOT/bench/results/ingest-phases.tsv"
[[ -f "$phases" ]] || printf 'date\trows\tlakeml_s\tread_validate_shuffle_s\toutlier_stats_s\twrite_staged_s\tquality_s\tspark_jobs\tbare_peak_rss_mb\tlakeml_peak_rss_mb\n' > "$phases"

for rows in "${sizes[@]}"; do
  lake="$WORK/lake-$rows"
  rm -rf "$lake"
  "$ROOT/bin/lakeml" --master "$MASTER" generate --run-date 2026-11-01 \
    --set lake.root="$lake" --set generate.rows="$rows" --set generate.dirty-fraction=0.01 >/dev/null
  raw="$lake/raw/insurance_claims/run_date=2026-11-01"
  mb="$(du -sm "$raw" | cut -f1)"

  bare="$(peak_rss "${SUBMIT[@]}" --class BareCsvToParquet "$WORK/bench.jar" "$raw" "$WORK/bare-$rows" | grep '^BARE')"
  bare_ms="$(field "$bare" elapsed_ms)"
  bare_rss="$(cat "$WORK/peak_rss_mb")"

  peak_rss "$ROOT/bin/lakeml" --master "$MASTER" --driver-memory "$DRIVER_MEMORY" "${extra_conf[@]}" ingest --conf "$ROOT/conf/pipelines/fraud.conf" \
    --run-date 2026-11-01 --set lake.root="$lake" --set ingest.source.path= >/dev/null
  lakeml_rss="$(cat "$WORK/peak_rss_mb")"
  manifest="$(ls "$lake"/runs/ingest/run_date=2026-11-01/*.json | head -n1)"
  lakeml_ms="$(step_ms "$manifest" ingest)"

  ratio="$(awk -v b="$bare_ms" -v l="$lakeml_ms" 'BEGIN{printf "%.2f", b/l}')"
  per_core="$(awk -v r="$rows" -v l="$lakeml_ms" -v c="$(master_cores)" 'BEGIN{printf "%.0f", r/(l/1000)/c}')"
  line="$(date -u +%F)\t$MACHINE\t$MASTER\t$rows\t$mb\t$(awk -v x="$bare_ms" 'BEGIN{printf "%.1f", x/1000}')\t$(awk -v x="$lakeml_ms" 'BEGIN{printf "%.1f", x/1000}')\t$ratio\t$per_core"
  printf "$line\n" >> "$results"
  "$PY" - "$manifest" "$rows" "$bare_rss" "$lakeml_rss" >> "$phases" <<'PY'
import json, sys, datetime
m = json.load(open(sys.argv[1]))
s = [x for x in m["steps"] if x["name"] == "ingest"][0]
c = s["counts"]
sec = lambda k: "%.1f" % (c.get(k, 0) / 1000)
print("\t".join([datetime.date.today().isoformat(), sys.argv[2], "%.1f" % (s["duration_ms"] / 1000),
    sec("ms_read_validate_shuffle"), sec("ms_outlier_stats"), sec("ms_write_staged"), sec("ms_quality"),
    str(c.get("spark_jobs", "")), sys.argv[3], sys.argv[4]]))
PY
  printf "rows=%s csv=%sMB bare=%sms lakeml=%sms throughput ratio (bare time / lakeml time)=%s lakeml rows/s/core=%s\n" \
    "$rows" "$mb" "$bare_ms" "$lakeml_ms" "$ratio" "$per_core"
done
