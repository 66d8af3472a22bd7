#!/usr/bin/env bash
# What explanations cost while scoring: `lakeml score` of one generated day of claims with the
# XGBoost fraud model (conf/pipelines/fraud-xgb.conf) and with the logistic regression one
# (fraud.conf), each with score.explain = 0 and = 3, in the same run, on the same curated rows.
#
#   bench/run-explain.sh [ROWS ...]      default: 10000000
#
# The models are trained on the 4,000-row sample; each size is a generated, ingested day
# (fraud-daily-scoring.conf's generator and checks). Times are the score step's duration from its
# run manifest; peak RSS is the whole application's. Appends to bench/results/explain.tsv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10000000)
daily="$ROOT/conf/pipelines/fraud-daily-scoring.conf"
lakeml() { "$ROOT/bin/lakeml" --master "$MASTER" --driver-memory "$DRIVER_MEMORY" "$@" >/dev/null; }

lake="$WORK/explain-lake"
rm -rf "$lake"
common=(--set lake.root="$lake")
for model in fraud fraud-xgb; do
  lakeml pipeline --conf "$ROOT/conf/pipelines/$model.conf" --run-date 2026-11-01 "${common[@]}" \
    --set 'pipeline.steps=[ingest, train, evaluate, promote]'
done

results="$ROOT/bench/results/explain.tsv"
[[ -f "$results" ]] || printf 'date\tmachine\tmaster\trows\tmodel\texplain\tscore_s\tpeak_rss_mb\n' > "$results"
day=2
for rows in "${sizes[@]}"; do
  date="2026-11-$(printf %02d "$day")"; day=$((day + 1))
  lakeml generate --conf "$daily" --run-date "$date" "${common[@]}" --set generate.rows="$rows"
  lakeml ingest --conf "$daily" --run-date "$date" "${common[@]}"
  for model in fraud fraud-xgb; do
    for explain in 0 3; do
      peak_rss "$ROOT/bin/lakeml" --master "$MASTER" --driver-memory "$DRIVER_MEMORY" score \
        --conf "$ROOT/conf/pipelines/$model.conf" --run-date "$date" "${common[@]}" \
        --set score.explain="$explain" >/dev/null
      manifest="$(ls -t "$lake"/runs/score/run_date="$date"/*.json | head -n1)"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t%s\n' "$(date -u +%F)" "$MACHINE" "$MASTER" "$rows" \
        "$model" "$explain" "$(awk -v x="$(step_ms "$manifest" score)" 'BEGIN{print x/1000}')" \
        "$(cat "$WORK/peak_rss_mb")" | tee -a "$results"
    done
  done
done
