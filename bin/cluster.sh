#!/usr/bin/env bash
# A real Spark standalone cluster on loopback: one master on 127.0.0.1 and N workers, worker i on
# 127.0.0.i, so that Spark sees as many hosts as workers (speculative copies of a task and
# host-aware scheduling need another host), from the Spark home assembled from Maven Central
# (bin/spark-home.sh).
#
#   bin/cluster.sh start [--with-s3]   master on spark://127.0.0.1:7077 (UI :8080) and 2 workers;
#                                      --with-s3 also starts a local S3 server (bin/s3proxy.sh,
#                                      port 9090) and uploads the sample to
#                                      s3a://lakeml/landing/insurance_claims.csv
#   bin/cluster.sh stop      stop them (and the S3 server it started) by their recorded pids
#   bin/cluster.sh status
#
# Environment: LAKEML_CLUSTER_PORT (7077), LAKEML_CLUSTER_UI_PORT (8080), LAKEML_WORKERS (2),
# LAKEML_WORKER_CORES (1), LAKEML_WORKER_MEMORY (2g), LAKEML_CLUSTER_DIR (build/cluster).
# Submit to it:  bin/lakeml --master spark://127.0.0.1:7077 [--deploy-mode cluster] pipeline ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${LAKEML_CLUSTER_DIR:-$ROOT/build/cluster}"
PORT="${LAKEML_CLUSTER_PORT:-7077}"
UI_PORT="${LAKEML_CLUSTER_UI_PORT:-8080}"
WORKERS="${LAKEML_WORKERS:-2}"
CORES="${LAKEML_WORKER_CORES:-1}"
MEMORY="${LAKEML_WORKER_MEMORY:-2g}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
source "$ROOT/bin/lib.sh"

start_daemon() { # name, main class, args...
  local name="$1"; shift
  local main="$1"; shift
  if pid_alive "$DIR/$name.pid"; then
    echo "cluster: $name already running (pid $(cat "$DIR/$name.pid"))" >&2
    return
  fi
  nohup "$JAVA" -Xmx512m -cp "$SPARK_CONF_DIR:$SPARK_HOME/jars/*" "$main" "$@" \
    > "$DIR/$name.log" 2>&1 &
  echo $! > "$DIR/$name.pid"
}

wait_for() { # description, command...
  local what="$1"; shift
  wait_until 150 0.2 "$@" && return 0
  echo "cluster: $what did not come up within 30 s; logs in $DIR" >&2
  return 1
}

case "${1:-}" in
  start)
    SPARK_HOME="$("$ROOT/bin/spark-home.sh")"
    export SPARK_HOME
    # Workers launch executors with these; without SPARK_SCALA_VERSION every executor fails with
    # "Cannot find any build directories".
    SPARK_SCALA_VERSION="$(pom_property scala.binary.version)"
    export SPARK_SCALA_VERSION SPARK_LOCAL_IP=127.0.0.1
    export SPARK_CONF_DIR="${SPARK_CONF_DIR:-$ROOT/conf/spark}"
    mkdir -p "$DIR"
    start_daemon master org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$PORT" --webui-port "$UI_PORT"
    wait_for "the master" curl -sf "http://127.0.0.1:$UI_PORT/json/"
    if [[ "${2:-}" == --with-s3 ]]; then
      "$ROOT/bin/s3proxy.sh" start "${LAKEML_S3_PORT:-9090}" >/dev/null 2>&1 \
        || { echo "cluster: the local S3 server did not start (bin/s3proxy.sh start)" >&2; exit 1; }
      touch "$DIR/with-s3"
      "$ROOT/bin/s3proxy.sh" put "$ROOT/data-samples/insurance_claims/insurance_claims.csv" \
        s3://lakeml/landing/insurance_claims.csv
      echo "s3:      http://127.0.0.1:${LAKEML_S3_PORT:-9090} (sample at s3a://lakeml/landing/insurance_claims.csv)"
      # Workers pass their environment to the executors they start: the server's loopback-only
      # test identity reaches every executor without going through any command line.
      while IFS='=' read -r key value; do
        [[ "$key" == AWS_ACCESS_KEY_ID || "$key" == AWS_SECRET_ACCESS_KEY ]] && export "$key=$value"
      done < "${LAKEML_S3PROXY_DIR:-$ROOT/build/s3proxy}/client.env"
    fi
    for i in $(seq 1 "$WORKERS"); do
      mkdir -p "$DIR/work-$i"
      # Executors bind to their worker's address, which each one takes from SPARK_LOCAL_IP.
      SPARK_LOCAL_IP="127.0.0.$i" start_daemon "worker-$i" org.apache.spark.deploy.worker.Worker \
        "spark://127.0.0.1:$PORT" --host "127.0.0.$i" --cores "$CORES" --memory "$MEMORY" \
        --work-dir "$DIR/work-$i" --webui-port "$((UI_PORT + i))"
    done
    registered() {
      [[ "$(curl -sf "http://127.0.0.1:$UI_PORT/json/" | grep -o '"state" *: *"ALIVE"' | wc -l)" -ge "$WORKERS" ]]
    }
    wait_for "$WORKERS workers" registered
    echo "master:  spark://127.0.0.1:$PORT"
    echo "web UI:  http://127.0.0.1:$UI_PORT"
    for i in $(seq 1 "$WORKERS"); do echo "worker $i: http://127.0.0.$i:$((UI_PORT + i)) ($CORES core, $MEMORY)"; done
    ;;
  stop)
    for pidfile in "$DIR"/worker-*.pid "$DIR"/master.pid; do
      [[ -f "$pidfile" ]] && pid_stop "$pidfile"
    done
    if [[ -f "$DIR/with-s3" ]]; then
      "$ROOT/bin/s3proxy.sh" stop
      rm -f "$DIR/with-s3"
    fi
    echo "cluster: stopped"
    ;;
  status)
    ok=true
    for pidfile in "$DIR"/master.pid "$DIR"/worker-*.pid; do
      [[ -f "$pidfile" ]] || { ok=false; continue; }
      if pid_alive "$pidfile"; then echo "$(basename "$pidfile" .pid): running (pid $(cat "$pidfile"))"; else echo "$(basename "$pidfile" .pid): dead"; ok=false; fi
    done
    $ok
    ;;
  *)
    usage_from_header "${BASH_SOURCE[0]}" >&2
    exit 2
    ;;
esac
