#!/usr/bin/env bash
# Every benchmark, one after the other on this machine (never alongside anything else: they share
# its cores), then the charts. Raw numbers go to bench/results/*.tsv, one dated line per
# measurement; bench/RESULTS.md reads them against the targets. About an hour on 2 cores.
#
#   bench/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/bench/run-ingest.sh" 1000000 10000000       # ETL vs bare Spark
"$ROOT/bench/run-train.sh" 100000 1000000 10000000 # training vs scikit-learn
"$ROOT/bench/run-memory.sh"                         # beyond memory
"$ROOT/bench/run-score.sh" 1000000 10000000        # scoring vs a Parquet copy
"$ROOT/bench/run-explain.sh" 10000000                # scoring with explanations on and off
"$ROOT/bench/run-small.sh" 3                        # the fraud demo, fixed overhead
"$ROOT/bench/run-scaling.sh" 1000000               # cores and workers
"$ROOT/bench/charts.sh"                             # bench/results/*.png
