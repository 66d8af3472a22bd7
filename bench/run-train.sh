#!/usr/bin/env bash
# Training benchmark: lakeml (MLlib through lakeml's Algorithm, lakeml's Spark settings) against
# scikit-learn (Debian's python3-sklearn, /usr/bin/python3) on identical generated rows of 20 dense
# numeric features, with equal iterations / trees / depth / bins, on the same cores, one process
# per (side, algorithm, size) so each peak memory is its own.
#
#   bench/run-train.sh [ROWS ...]         default: 100000 1000000 10000000
#   LAKEML_BENCH_ALGORITHMS="lr gbt xgb kmeans pca"   LAKEML_BENCH_SIDES="lakeml sklearn"
#   LAKEML_BENCH_PARAMS="solver=block"   (lakeml's side: parameters over lakeml's defaults;
#                                         seed=N goes to both sides' estimators, the rows stay)
#   LAKEML_BENCH_MASTER=local[2]
#
# Appends to bench/results/train.tsv: fit seconds (data generation and caching excluded on both
# sides), iterations, quality on the same 200,000 held-out rows, peak resident memory of the
# process, and the machine's measured memory bandwidth (bench/train/MemoryBandwidth.java).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100000 1000000 10000000)
read -r -a algorithms <<< "${LAKEML_BENCH_ALGORITHMS:-lr gbt xgb kmeans pca}"
read -r -a params <<< "${LAKEML_BENCH_PARAMS:-}"
read -r -a sides <<< "${LAKEML_BENCH_SIDES:-lakeml sklearn}"
declare -A iterations=([lr]=15 [gbt]=20 [xgb]=20 [kmeans]=20 [pca]=1)

bench_compile "$ROOT/bench/train/TrainBench.java" "$ROOT/bench/train/MemoryBandwidth.java"
need_sklearn
bandwidth="$(java -Xmx6g -cp "$BENCH_CLASSES" MemoryBandwidth | sed 's/.*gb_per_s=\([0-9.]*\).*/\1/')"
echo "memory bandwidth (${CORES} readers): ${bandwidth} GB/s" >&2

results="$ROOT/bench/results/train.tsv"
[[ -f "$results" ]] || printf 'date\tmachine\tmaster\talgorithm\trows\tside\tfit_s\titerations\tquality\tpeak_rss_mb\tcached_mb\tbandwidth_gb_s\tlabel_sum\tspark_jobs\tjob_median_ms\tparams\n' > "$results"

for rows in "${sizes[@]}"; do
  for algorithm in "${algorithms[@]}"; do
    it="${iterations[$algorithm]}"
    for side in "${sides[@]}"; do
      if [[ $side == lakeml ]]; then
        line="$(peak_rss "${SUBMIT[@]}" --class TrainBench "$WORK/bench.jar" "$algorithm" "$rows" "$it" "${params[@]}" | grep '^TRAIN')"
      else
        line="$(OMP_NUM_THREADS="$(master_cores)" OPENBLAS_NUM_THREADS="$(master_cores)" \
          peak_rss "$PY" "$ROOT/bench/train/sklearn_side.py" "$algorithm" "$rows" "$it" \
            $(printf '%s\n' "${params[@]}" | grep '^seed=' || true) | grep '^TRAIN')"
      fi
      rss="$(cat "$WORK/peak_rss_mb")"
      quality="$(field "$line" auc)$(field "$line" inertia)$(field "$line" explained_variance)"
      cached_mb="$(awk -v b="$(field "$line" cached_bytes)" 'BEGIN{printf "%.0f", b/1048576}')"
      # params: what differs from lakeml's defaults (empty: the defaults; the charts use only those).
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$MACHINE" "$MASTER" \
        "$algorithm" "$rows" "$side" "$(field "$line" fit_s)" "$(field "$line" iterations)" "$quality" \
        "$rss" "$cached_mb" "$bandwidth" "$(field "$line" label_sum)" "$(field "$line" jobs)" \
        "$(field "$line" job_median_ms)" "${params[*]}" | tee -a "$results"
    done
  done
done
