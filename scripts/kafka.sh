#!/usr/bin/env bash
# Runs a real single-node Apache Kafka 3.9 (KRaft) on loopback from Maven Central jars.
#   scripts/kafka.sh jars     fetch the jars once into the cache
#   scripts/kafka.sh start    fetch jars, format storage, start the broker, wait until ready
#   scripts/kafka.sh stop     SIGTERM the broker by its PID (SIGKILL after a timeout)
#   scripts/kafka.sh status
# Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_STATE_DIR (.run/kafka),
# KAFKA_FRESH=1 wipes the data directory before start, INVENTORY_CACHE_DIR (~/.cache/inventory-platform).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/docker/kafka-local/pom.xml")"
CACHE_DIR="${INVENTORY_CACHE_DIR:-$HOME/.cache/inventory-platform}"
JAR_DIR="$CACHE_DIR/kafka-$KAFKA_VERSION/libs"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
STATE_DIR="${KAFKA_STATE_DIR:-$ROOT/.run/kafka}"
DATA_DIR="$STATE_DIR/data"
LOG_DIR="$STATE_DIR/logs"
PID_FILE="$STATE_DIR/kafka.pid"
READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-90}"

log() { echo "[kafka] $*" >&2; }

fetch_jars() {
  if [[ -f "$JAR_DIR/.complete" ]]; then return 0; fi
  command -v mvn >/dev/null || { log "Maven (mvn) is required to fetch Kafka jars"; exit 1; }
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into $JAR_DIR"
  rm -rf "$JAR_DIR.tmp" && mkdir -p "$JAR_DIR.tmp" "$CACHE_DIR"
  mvn -q -B -f "$ROOT/docker/kafka-local/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$JAR_DIR.tmp" >"$CACHE_DIR/mvn-kafka.log" 2>&1 \
    || { log "Maven failed; see $CACHE_DIR/mvn-kafka.log"; exit 1; }
  touch "$JAR_DIR.tmp/.complete"
  rm -rf "$JAR_DIR" && mv "$JAR_DIR.tmp" "$JAR_DIR"
}

is_running() { [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

java_args() {
  # shellcheck disable=SC2206
  JAVA_ARGS=(${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError}
    -Djava.awt.headless=true "-Dlog4j.configuration=file:$ROOT/docker/kafka-local/log4j.properties"
    "-Dkafka.logs.dir=$LOG_DIR" -cp "$JAR_DIR/*")
}

start() {
  fetch_jars
  if is_running; then log "already running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"; return 0; fi
  if port_open "$PORT"; then log "port $PORT is taken by another process"; exit 1; fi
  [[ "${KAFKA_FRESH:-0}" == "1" ]] && rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR" "$LOG_DIR"
  java_args
  local props="$STATE_DIR/server.properties"
  sed -e "s#^listeners=.*#listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT#" \
      -e "s#^advertised.listeners=.*#advertised.listeners=PLAINTEXT://127.0.0.1:$PORT#" \
      -e "s#^controller.quorum.voters=.*#controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT#" \
      -e "s#^log.dirs=.*#log.dirs=$DATA_DIR#" "$ROOT/docker/kafka-local/server.properties" > "$props"
  if [[ ! -f "$DATA_DIR/meta.properties" ]]; then
    local cluster_id
    cluster_id="$(java "${JAVA_ARGS[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    java "${JAVA_ARGS[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" --ignore-formatted >"$LOG_DIR/format.log" 2>&1
  fi
  log "starting broker on 127.0.0.1:$PORT (data $DATA_DIR)"
  nohup java "${JAVA_ARGS[@]}" kafka.Kafka "$props" </dev/null >"$LOG_DIR/stdout.log" 2>&1 &
  echo $! >"$PID_FILE"
  echo "$PORT" >"$STATE_DIR/port"
  local waited=0
  until port_open "$PORT"; do
    if ! is_running; then log "broker exited during start; see $LOG_DIR"; tail -20 "$LOG_DIR/stdout.log" >&2 || true; exit 1; fi
    if (( waited >= READY_TIMEOUT * 5 )); then log "not ready after ${READY_TIMEOUT}s"; stop; exit 1; fi
    sleep 0.2; waited=$((waited + 1))
  done
  log "ready on 127.0.0.1:$PORT after $((waited / 5))s (pid $(cat "$PID_FILE"))"
}

stop() {
  if ! is_running; then rm -f "$PID_FILE"; log "not running"; return 0; fi
  local pid; pid="$(cat "$PID_FILE")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then log "no exit after 30s, SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$PID_FILE"
  log "stopped"
}

case "${1:-}" in
  jars) fetch_jars ;;
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo "running pid $(cat "$PID_FILE") port $PORT"; else echo "stopped"; exit 1; fi ;;
  *) echo "usage: $0 jars|start|stop|status" >&2; exit 2 ;;
esac
