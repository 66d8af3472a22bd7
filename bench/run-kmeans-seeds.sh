#!/usr/bin/env bash
# k-means' quality does not hang on one seed: lakeml's block solver, Spark's own k-means (auto)
# and scikit-learn from the same rows with seeds 1..N, each fit 20 iterations from its own
# k-means||/k-means++ start. One line per fit in bench/results/kmeans-seeds.tsv (seed, side,
# solver, fit seconds, inertia); the fits also land in train.tsv like every training bench.
#
#   bench/run-kmeans-seeds.sh [ROWS]      default 1000000;  LAKEML_BENCH_SEEDS="1 2 3 4 5"
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
read -r -a seeds <<< "${LAKEML_BENCH_SEEDS:-1 2 3 4 5}"
out="$ROOT/bench/results/kmeans-seeds.tsv"
[[ -f "$out" ]] || printf 'date\trows\tseed\tside\tsolver\tfit_s\tinertia\n' > "$out"
for seed in "${seeds[@]}"; do
  for variant in lakeml:lakeml lakeml:auto sklearn:-; do
    side="${variant%%:*}"
    solver="${variant#*:}"
    params="seed=$seed"
    [[ $solver == - ]] || params+=" solver=$solver"
    LAKEML_BENCH_ALGORITHMS=kmeans LAKEML_BENCH_SIDES="$side" LAKEML_BENCH_PARAMS="$params" \
      "$ROOT/bench/run-train.sh" "$rows" > /dev/null
    line="$(tail -n 1 "$ROOT/bench/results/train.tsv")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$rows" "$seed" "$side" "$solver" \
      "$(cut -f7 <<< "$line")" "$(cut -f9 <<< "$line")" | tee -a "$out"
  done
done
