#!/usr/bin/env bash
# A local S3-compatible server (S3Proxy, in-memory "transient" store) on 127.0.0.1.
#
#   bin/s3proxy.sh start [PORT]   start it (default port 9090) and create the bucket(s) in
#                                 $LAKEML_S3_BUCKETS (default: lakeml); prints the endpoint
#   bin/s3proxy.sh stop           stop it by its recorded pid
#   bin/s3proxy.sh status
#   bin/s3proxy.sh fetch          only resolve S3Proxy's jars from Maven Central
#   bin/s3proxy.sh put FILE s3://BUCKET/KEY   upload a file
#
# Identity and credential are the fixed test pair below: for this loopback server only. Data
# lives in memory and is gone when it stops. State: build/s3proxy/ (jars, pid, log).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${LAKEML_S3PROXY_DIR:-$ROOT/build/s3proxy}"
POM="$ROOT/bin/s3proxy/pom.xml"
PID="$DIR/s3proxy.pid"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
source "$ROOT/bin/lib.sh"
# A loopback-only test identity; LAKEML_S3_IDENTITY / LAKEML_S3_CREDENTIAL choose another.
IDENTITY="${LAKEML_S3_IDENTITY:-lakeml-test}"
CREDENTIAL="${LAKEML_S3_CREDENTIAL:-lakeml-test-secret}"

jars() {
  local stamp="$ROOT/build/s3proxy-jars/.stamp"
  if ! stamp_fresh "$stamp" "$(cat "$POM")"; then
    echo "s3proxy: resolving S3Proxy from Maven Central" >&2
    rm -rf "$ROOT/build/s3proxy-jars"
    mkdir -p "$ROOT/build/s3proxy-jars"
    mvn -q -B -f "$POM" dependency:build-classpath \
      -Dmdep.outputFile="$ROOT/build/s3proxy-jars/classpath.txt" >&2
    stamp_write "$stamp" "$(cat "$POM")"
  fi
  cat "$ROOT/build/s3proxy-jars/classpath.txt"
}

running() {
  pid_alive "$PID"
}

answers() {
  curl -s -o /dev/null "http://127.0.0.1:$1/"
}

case "${1:-}" in
  start)
    port="${2:-9090}"
    if running; then
      echo "s3proxy: already running (pid $(cat "$PID"))" >&2
      exit 1
    fi
    cp="$(jars)"
    mkdir -p "$DIR"
    cat > "$DIR/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$IDENTITY
s3proxy.credential=$CREDENTIAL
jclouds.provider=transient
jclouds.identity=$IDENTITY
jclouds.credential=$CREDENTIAL
CONF
    cat > "$DIR/logback.xml" <<'XML'
<configuration>
  <appender name="FILE" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss} %level %logger{20}: %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="FILE"/></root>
</configuration>
XML
    nohup "$JAVA" -Xmx1g -Dlogback.configurationFile="$DIR/logback.xml" -cp "$cp" \
      org.gaul.s3proxy.Main --properties "$DIR/s3proxy.conf" > "$DIR/s3proxy.log" 2>&1 &
    echo $! > "$PID"
    started=false
    for _ in $(seq 1 "${LAKEML_S3PROXY_WAIT_TRIES:-100}"); do
      if answers "$port"; then started=true; break; fi
      running || break
      sleep 0.2
    done
    if ! $started; then
      # Not answering, or gone: either way nothing may go on as if it were up.
      echo "s3proxy: did not answer on http://127.0.0.1:$port (log: $DIR/s3proxy.log)" >&2
      cat "$DIR/s3proxy.log" >&2
      pid_stop "$PID"
      exit 1
    fi
    for bucket in ${LAKEML_S3_BUCKETS:-lakeml}; do
      # S3 PUT Bucket, signed with SigV4 by curl itself (no AWS CLI needed).
      code="$(curl -s -o /dev/null -w '%{http_code}' --aws-sigv4 "aws:amz:us-east-1:s3" \
        --user "$IDENTITY:$CREDENTIAL" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
        -X PUT "http://127.0.0.1:$port/$bucket")"
      [[ "$code" == 200 || "$code" == 409 ]] || echo "s3proxy: creating bucket $bucket returned HTTP $code" >&2
    done
    # The server keeps objects in memory and starts empty: so does the Iceberg catalog of its lake.
    rm -f "$DIR"/*catalog.db*
    # For bin/lakeml --env local-s3: where the server is, its (loopback-only) test identity, and
    # the catalog of the lake on it.
    printf 'LAKEML_S3_ENDPOINT=http://127.0.0.1:%s\nAWS_ACCESS_KEY_ID=%s\nAWS_SECRET_ACCESS_KEY=%s\nLAKEML_CATALOG_URI=jdbc:sqlite:%s\n' \
      "$port" "$IDENTITY" "$CREDENTIAL" "$DIR/lake-catalog.db" > "$DIR/client.env"
    echo "http://127.0.0.1:$port"
    echo "s3proxy: for s3a:// clients: export AWS_ACCESS_KEY_ID=$IDENTITY AWS_SECRET_ACCESS_KEY=$CREDENTIAL" >&2
    ;;
  stop)
    pid_stop "$PID"
    rm -f "$DIR/client.env"
    ;;
  put)
    # bin/s3proxy.sh put FILE s3://bucket/key : upload one file, signed with SigV4 by curl.
    [[ -f "$DIR/client.env" ]] || { echo "s3proxy: not running" >&2; exit 1; }
    endpoint="$(sed -n 's/^LAKEML_S3_ENDPOINT=//p' "$DIR/client.env")"
    key="${3#s3://}"; key="${key#s3a://}"
    code="$(curl -s -o /dev/null -w '%{http_code}' --aws-sigv4 "aws:amz:us-east-1:s3" \
      --user "$IDENTITY:$CREDENTIAL" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -T "$2" "$endpoint/$key")"
    [[ "$code" == 200 ]] || { echo "s3proxy: upload of $2 returned HTTP $code" >&2; exit 1; }
    ;;
  fetch)
    jars >/dev/null
    ;;
  status)
    if running; then echo "running (pid $(cat "$PID"))"; else echo "stopped"; exit 1; fi
    ;;
  *)
    usage_from_header "${BASH_SOURCE[0]}" >&2
    exit 2
    ;;
esac
