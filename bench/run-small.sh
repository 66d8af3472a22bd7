#!/usr/bin/env bash
# Small data: the README's fraud demo (`bin/lakeml pipeline --conf conf/pipelines/fraud.conf`:
# ingest of the 4,000-claim sample, training, evaluation with its HTML report, promotion, scoring)
# end to end, wall clock, as a user runs it; and the fixed overhead of one application: the wall
# time minus the time the pipeline's steps report in its run manifest (the launcher's config check,
# JVM and SparkSession start-up and shutdown).
#
#   bench/run-small.sh [REPEATS]      default: 3 (the median is kept)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
repeats="${1:-3}"
results="$ROOT/bench/results/small.tsv"
[[ -f "$results" ]] || printf 'date\tmachine\tmaster\trun\twall_s\tsteps_s\toverhead_s\tpeak_rss_mb\n' > "$results"
cd "$ROOT"
lakeml_ready   # the jar is built and the Spark home exists before the clock starts
for i in $(seq 1 "$repeats"); do
  lake="$WORK/demo-lake-$i"
  rm -rf "$lake"
  start="$(date +%s%N)"
  peak_rss "$ROOT/bin/lakeml" --master "$MASTER" pipeline --conf conf/pipelines/fraud.conf \
    --set lake.root="$lake" >/dev/null 2>&1
  wall_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  manifest="$(ls "$lake"/runs/pipeline/run_date=*/*.json | head -n1)"
  steps_ms="$("$PY" -c "import json,sys; print(sum(s['duration_ms'] for s in json.load(open(sys.argv[1]))['steps']))" "$manifest")"
  printf '%s\t%s\t%s\t%s\t%.1f\t%.1f\t%.1f\t%s\n' "$(date -u +%F)" "$MACHINE" "$MASTER" "$i" \
    "$(awk -v x="$wall_ms" 'BEGIN{print x/1000}')" "$(awk -v x="$steps_ms" 'BEGIN{print x/1000}')" \
    "$(awk -v w="$wall_ms" -v s="$steps_ms" 'BEGIN{print (w-s)/1000}')" "$(cat "$WORK/peak_rss_mb")" | tee -a "$results"
done
