#!/usr/bin/env bash
# Beyond one machine's memory: logistic regression (10 iterations) on ROWS generated rows of 20
# dense features, with both sides held to the same memory cap: scikit-learn's process by an
# address-space limit (prlimit --as), lakeml's JVM by a heap of CAP - 1 GiB. lakeml caches its fit
# rows MEMORY_AND_DISK, so what does not fit spills to local disk; scikit-learn needs the whole
# matrix in memory. The cap stands in for the machine: at 24 GiB the same happens at about
# 24 GiB / 168 bytes per row ≈ 150 M rows, a size that takes hours on 2 cores.
#
#   bench/run-memory.sh [ROWS]      default: 30000000 (4.7 GiB of doubles); LAKEML_BENCH_MEMORY_CAP_GB=4
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cap_gb="${LAKEML_BENCH_MEMORY_CAP_GB:-4}"
export LAKEML_BENCH_DRIVER_MEMORY="$((cap_gb - 1))g"
# With G1 the JVM ran out of heap here while building Spark SQL's columnar cache (likely its
# batch buffers of a few MB, "humongous" objects for G1 in a 3 GB heap); ParallelGC finishes.
export LAKEML_BENCH_JAVA_OPTS="${LAKEML_BENCH_JAVA_OPTS:--XX:+UseParallelGC}"
source "$ROOT/bench/lib.sh"
rows="${1:-30000000}"
bench_compile "$ROOT/bench/train/TrainBench.java"
need_sklearn
results="$ROOT/bench/results/memory.tsv"
[[ -f "$results" ]] || printf 'date\tmachine\tcap_gb\trows\tmatrix_gb\tside\toutcome\tfit_s\tauc\tpeak_rss_mb\n' > "$results"
matrix_gb="$(awk -v r="$rows" 'BEGIN{printf "%.1f", r*21*8/1073741824}')"

set +e
sk="$(OMP_NUM_THREADS="$CORES" prlimit --as=$((cap_gb << 30)) \
  /usr/bin/time -f '%M' -o "$WORK/peak_rss_kb" "$PY" "$ROOT/bench/train/sklearn_side.py" lr "$rows" 10 2>"$WORK/sklearn.err")"
status=$?
set -e
sk_rss="$(rss_mb)"
if [[ $status -eq 0 ]]; then sk_outcome=finished; else sk_outcome="failed: $(grep -o 'MemoryError.*\|Killed' "$WORK/sklearn.err" | head -n1 | cut -c1-80)"; fi
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$MACHINE" "$cap_gb" "$rows" "$matrix_gb" sklearn \
  "$sk_outcome" "$(field "$sk" fit_s)" "$(field "$sk" auc)" "$sk_rss" | tee -a "$results"

lake="$(peak_rss "${SUBMIT[@]}" --class TrainBench "$WORK/bench.jar" lr "$rows" 10 | grep '^TRAIN' || true)"
if [[ -n $lake ]]; then lake_outcome="finished ($(field "$lake" partitions) partitions, cached $(awk -v b="$(field "$lake" cached_bytes)" 'BEGIN{printf "%.1f", b/1073741824}') GiB)"; else lake_outcome=failed; fi
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$MACHINE" "$cap_gb" "$rows" "$matrix_gb" lakeml \
  "$lake_outcome" "$(field "$lake" fit_s)" "$(field "$lake" auc)" "$(cat "$WORK/peak_rss_mb")" | tee -a "$results"
