#!/usr/bin/env bash
# Parity with scikit-learn on real data: lakeml (Spark MLlib behind lakeml's split and feature
# stages) and scikit-learn fit the same tasks on identical train/test matrices of the penguins,
# iris and digits samples; prints a side-by-side table and exits 1 beyond tolerance.
#
#   bench/parity/run.sh            (results also kept in bench/results/parity.txt)
#   bench/parity/run.sh xgb        (some tasks only: lr pca kmeans rf gbt xgb linreg;
#                                   results in bench/results/parity-<tasks>.txt)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${LAKEML_PARITY_DIR:-$ROOT/build/parity}"
PY=/usr/bin/python3   # Debian's interpreter, where python3-sklearn lives

if ! "$PY" -c 'import sklearn' 2>/dev/null; then
  echo "installing python3-sklearn (Debian)" >&2
  $( [ "$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y -q python3-sklearn >&2
fi
SPARK_HOME="$("$ROOT/bin/spark-home.sh")"
JAR="$ROOT/jobs/target/lakeml-jobs-0.1.0-SNAPSHOT.jar"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -q -B -DskipTests package)

rm -rf "$WORK" && mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "$SPARK_HOME/jars/*:$JAR" "$ROOT/bench/parity/Parity.java"
(cd "$WORK/classes" && jar cf "$WORK/parity.jar" ./*.class)

SPARK_HOME="$SPARK_HOME" SPARK_LOCAL_IP=127.0.0.1 java -Xmx4g -cp "$SPARK_HOME/jars/*" \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED \
  -Dlog4j2.configurationFile="$ROOT/conf/spark/log4j2.properties" \
  org.apache.spark.deploy.SparkSubmit --master 'local[2]' --driver-memory 4g \
  --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
  --jars "$JAR" --class Parity "$WORK/parity.jar" "$ROOT/data-samples" "$WORK/out" "$@" | grep '^PARITY' >&2

mkdir -p "$ROOT/bench/results"
set +e
results="$ROOT/bench/results/parity.txt"
[[ $# -eq 0 ]] || results="$ROOT/bench/results/parity-$(IFS=-; echo "$*").txt"
"$PY" "$ROOT/bench/parity/sklearn_side.py" "$WORK/out" | tee "$results"
status=${PIPESTATUS[0]}
exit "$status"
