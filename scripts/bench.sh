#!/usr/bin/env bash
# Runs the benchmarks against real PostgreSQL and Redis (and Kafka for the parts that need it),
# writing docs/benchmarks.md, docs/benchmarks.json and docs/benchmarks/*.svg; a --quick run
# writes to .run/bench-quick/ instead. Arguments: --quick, --part <name>, --out <dir>, --render.
# Builds first (ensure-deps.sh compiles to dist/, which the services run from) unless dist/ is
# newer than every source file.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
built=dist/scripts/bench/bench.js
if [[ -f "$built" && -z "$(find apps libs scripts tsconfig*.json package.json package-lock.json -newer "$built" \( -name '*.ts' -o -name '*.json' \) -print -quit)" ]]; then
  SKIP_BUILD=1 bash scripts/ensure-deps.sh
else
  bash scripts/ensure-deps.sh
fi
# --render only regenerates the report from its JSON (after editing docs/benchmarks-analysis.md).
for arg in "$@"; do
  if [[ $arg == --render ]]; then exec node dist/scripts/bench/bench.js "$@"; fi
done
bash scripts/infra.sh up
export PGHOST=127.0.0.1 PGUSER="${PGUSER:-postgres}"
if [[ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'inventory_bench'")" != "1" ]]; then
  createdb inventory_bench
fi
export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://$PGUSER@127.0.0.1:5432/inventory_bench}"

# Parts that run the services need Kafka: a private broker with a fresh data
# directory on the first free port pair from 19392 (apart from the demo's 9092 and the tests'
# 19092...), stopped on exit. BENCH_KAFKA_BROKERS=host:port uses a running broker instead.
needs_kafka=1
parts=()
for ((i = 1; i <= $#; i++)); do
  case "${!i}" in
    --part) j=$((i + 1)); parts+=("${!j:-}") ;;
    --part=*) parts+=("${!i#--part=}") ;;
  esac
done
if (( ${#parts[@]} )); then
  needs_kafka=0
  # Only these parts run without services; any other (salable-*, ...) needs the broker.
  for p in "${parts[@]}"; do case "$p" in event-store | import | shipment-selection) ;; *) needs_kafka=1 ;; esac; done
fi
kafka_started=0
cleanup() { if [[ $kafka_started == 1 ]]; then bash scripts/kafka.sh stop || true; fi; }
trap cleanup EXIT
if [[ -n "${BENCH_KAFKA_BROKERS:-}" ]]; then
  export KAFKA_BROKERS="$BENCH_KAFKA_BROKERS"
elif [[ $needs_kafka == 1 ]]; then
  port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
  export KAFKA_STATE_DIR="$ROOT/.run/kafka-bench" KAFKA_FRESH=1
  if bash scripts/kafka.sh status >/dev/null 2>&1; then
    echo "[bench] stopping the benchmark broker a killed earlier run left behind" >&2
    KAFKA_PORT="$(cat "$KAFKA_STATE_DIR/port" 2>/dev/null || echo 19392)" bash scripts/kafka.sh stop
  fi
  KAFKA_PORT=19392
  while port_open "$KAFKA_PORT" || port_open "$((KAFKA_PORT + 1))"; do
    KAFKA_PORT=$((KAFKA_PORT + 2))
    (( KAFKA_PORT < 19600 )) || { echo "[bench] no free port pair for Kafka in 19392-19600" >&2; exit 1; }
  done
  export KAFKA_PORT KAFKA_CONTROLLER_PORT="$((KAFKA_PORT + 1))"
  export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
  kafka_started=1
  bash scripts/kafka.sh start
fi

# Kafka's own performance tools (the infra part): the kafka-tools jar of the broker's version,
# fetched once from Maven Central beside the broker's jars, whose libraries it runs with.
if [[ $needs_kafka == 1 ]]; then
  bash scripts/kafka.sh jars
  KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' docker/kafka-local/pom.xml)"
  CACHE_DIR="${INVENTORY_CACHE_DIR:-$HOME/.cache/inventory-platform}"
  TOOLS_DIR="$CACHE_DIR/kafka-tools-$KAFKA_VERSION"
  if [[ ! -f "$TOOLS_DIR/kafka-tools-$KAFKA_VERSION.jar" ]]; then
    echo "[bench] fetching kafka-tools $KAFKA_VERSION from Maven Central" >&2
    rm -rf "$TOOLS_DIR.tmp" && mkdir -p "$TOOLS_DIR.tmp"
    mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.apache.kafka:kafka-tools:$KAFKA_VERSION" -DoutputDirectory="$TOOLS_DIR.tmp" \
      >"$CACHE_DIR/mvn-kafka-tools.log" 2>&1 \
      || { echo "[bench] Maven failed; see $CACHE_DIR/mvn-kafka-tools.log" >&2; exit 1; }
    rm -rf "$TOOLS_DIR" && mv "$TOOLS_DIR.tmp" "$TOOLS_DIR"
  fi
  export BENCH_KAFKA_TOOLS_CLASSPATH="$TOOLS_DIR/*:$CACHE_DIR/kafka-$KAFKA_VERSION/libs/*"
fi
node dist/scripts/bench/bench.js "$@"
