# Shared by the bench/run-*.sh scripts (sourced, not run): where things are, how to compile a
# benchmark class, submit it to Spark, and measure a process's peak memory.
WORK="${LAKEML_BENCH_DIR:-$ROOT/build/bench}"
MASTER="${LAKEML_BENCH_MASTER:-local[2]}"
DRIVER_MEMORY="${LAKEML_BENCH_DRIVER_MEMORY:-8g}"
PY=/usr/bin/python3   # Debian's interpreter, where python3-sklearn lives
CORES="$(nproc)"
MACHINE="${CORES} cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | grep ' version ' | cut -d'"' -f2)"
SPARK_HOME="$("$ROOT/bin/spark-home.sh")"
JAR="$ROOT/jobs/target/lakeml-jobs-0.1.0-SNAPSHOT.jar"
BENCH_CLASSES="$WORK/classes"
mkdir -p "$WORK" "$ROOT/bench/results"

# Makes sure the shaded jar is built from the current sources (and the Spark home exists): a
# job's --help goes through bin/lakeml's own rebuild check, then prints the job's usage.
lakeml_ready() {
  "$ROOT/bin/lakeml" pipeline --help >/dev/null 2>&1
}

# Compiles benchmark sources against Spark and lakeml into $WORK/bench.jar.
bench_compile() {
  lakeml_ready
  rm -rf "$BENCH_CLASSES" && mkdir -p "$BENCH_CLASSES"
  javac -d "$BENCH_CLASSES" -cp "$SPARK_HOME/jars/*:$JAR" "$@"
  (cd "$BENCH_CLASSES" && jar cf "$WORK/bench.jar" ./*.class)
}

# "${SUBMIT[@]}" --class CLASS "$WORK/bench.jar" ARGS...: Spark's launcher the way bin/lakeml
# uses it (lakeml's Spark defaults and BLAS threads, lakeml on the classpath) on $MASTER. An
# array, not a function, so peak_rss can run it. $SPARK_EXTRA_CONF adds --conf options,
# $LAKEML_BENCH_JAVA_OPTS JVM options.
export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1
read -r -a extra_conf <<< "${SPARK_EXTRA_CONF:-}"
read -r -a java_opts <<< "${LAKEML_BENCH_JAVA_OPTS:-}"
SUBMIT=(env OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 java "${java_opts[@]}" -Xmx"$DRIVER_MEMORY" -cp "$SPARK_HOME/jars/*"
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  -Dlog4j2.configurationFile="$ROOT/conf/spark/log4j2.properties"
  org.apache.spark.deploy.SparkSubmit --master "$MASTER" --driver-memory "$DRIVER_MEMORY"
  --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1
  --conf spark.serializer=org.apache.spark.serializer.KryoSerializer
  --conf spark.sql.adaptive.enabled=true --conf spark.sql.session.timeZone=UTC
  "${extra_conf[@]}" --jars "$JAR")

# peak_rss COMMAND...: runs it, passing its output through; its peak resident memory in MB is
# then in $WORK/peak_rss_mb (a file, so it survives the $(...) subshell).
peak_rss() {
  /usr/bin/time -f '%M' -o "$WORK/peak_rss_kb" "$@"
  rss_mb > "$WORK/peak_rss_mb"
}

# The peak resident memory in MB that GNU time recorded (its last line; a failed command's
# file starts with "Command exited with non-zero status").
rss_mb() {
  tail -n1 "$WORK/peak_rss_kb" | awk '{printf "%.0f", $1/1024}'
}

# field LINE KEY: the value of key=value in a result line (empty when absent).
field() {
  echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

need_sklearn() {
  if ! "$PY" -c 'import sklearn' 2>/dev/null; then
    echo "installing python3-sklearn (Debian)" >&2
    $( [ "$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y -q python3-sklearn >&2
  fi
}

# step_ms MANIFEST STEP: a step's duration in milliseconds from a lakeml run manifest.
step_ms() {
  "$PY" -c "import json,sys; m=json.load(open(sys.argv[1])); print([s for s in m['steps'] if s['name']==sys.argv[2]][0]['duration_ms'])" "$1" "$2"
}

# The cores the master runs tasks on: N of local[N], else every core of this machine.
master_cores() {
  if [[ $MASTER =~ ^local\[([0-9]+)\]$ ]]; then echo "${BASH_REMATCH[1]}"; else echo "$CORES"; fi
}
