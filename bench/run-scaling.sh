#!/usr/bin/env bash
# How cost grows: with cores (local[1] against local[2]) and with executors (one against two
# workers of one core on the local standalone cluster, bin/cluster.sh), for the fraud ingest and
# for logistic-regression training, each at ROWS. Growth with rows is read off the 1 M / 10 M rows
# of bench/run-ingest.sh and bench/run-train.sh.
#
#   bench/run-scaling.sh [ROWS]      default: 1000000
#
# Appends to bench/results/ingest.tsv and train.tsv (their master column tells the runs apart).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
both() { # both MASTER: the ingest and the training benchmark on that master
  LAKEML_BENCH_MASTER="$1" "$ROOT/bench/run-ingest.sh" "$rows"
  LAKEML_BENCH_MASTER="$1" LAKEML_BENCH_ALGORITHMS=lr LAKEML_BENCH_SIDES=lakeml "$ROOT/bench/run-train.sh" "$rows"
}
both 'local[1]'
both 'local[2]'
trap '"$ROOT/bin/cluster.sh" stop >/dev/null 2>&1 || true' EXIT
for workers in 1 2; do
  # Executors get what a worker offers; the driver stays in this JVM (client mode).
  LAKEML_WORKERS="$workers" LAKEML_WORKER_CORES=1 LAKEML_WORKER_MEMORY=6g "$ROOT/bin/cluster.sh" start >/dev/null
  SPARK_EXTRA_CONF="--conf spark.executor.memory=5g" both "spark://127.0.0.1:${LAKEML_CLUSTER_PORT:-7077}"
  "$ROOT/bin/cluster.sh" stop >/dev/null
done
