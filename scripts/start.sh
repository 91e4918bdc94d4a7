#!/usr/bin/env bash
# Starts the whole suite with a demo data set: PostgreSQL, Redis, Kafka (127.0.0.1:9092), the four
# services and the gateway (http://127.0.0.1:8080). Stays in the foreground; Ctrl-C stops all that
# it started (PostgreSQL and Redis only if they were down before). Safe to run again.
# Every REST route needs credentials: INVENTORY_API_KEY if set, else a key generated at start
# (printed with a curl example, and kept in .run/api-key); see docs/security.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

for port in 8080 8081 8082 8083 8084; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "[start] port $port is already in use (is the suite already running?)" >&2
    exit 1
  fi
done

bash scripts/ensure-deps.sh
bash scripts/infra.sh up

kafka_started=0
cleanup() {
  if [[ $kafka_started == 1 ]]; then bash scripts/kafka.sh stop; fi
  bash scripts/infra.sh down
}
trap cleanup EXIT
if ! bash scripts/kafka.sh status >/dev/null 2>&1; then
  bash scripts/kafka.sh start
  kafka_started=1
fi

export PGHOST=127.0.0.1 PGUSER="${PGUSER:-postgres}"
DB="${INVENTORY_DB:-inventory}"
if [[ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]]; then
  createdb "$DB"
fi

export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export DATABASE_URL="${DATABASE_URL:-postgres://$PGUSER@127.0.0.1:5432/$DB}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export REDIS_KEY_PREFIX="${REDIS_KEY_PREFIX:-inventory:}"
export LOG_LEVEL="${LOG_LEVEL:-info}"

# The suite runner stops the services on SIGINT/SIGTERM. Ctrl-C reaches it through the terminal's
# process group; a TERM or HUP sent to this script alone (a supervisor, a closed terminal) is
# forwarded, so no service outlives the command.
node dist/scripts/suite/run-suite.js &
suite=$!
trap 'kill -TERM "$suite" 2>/dev/null || true' INT TERM HUP
status=0
while kill -0 "$suite" 2>/dev/null; do
  wait "$suite" || status=$?
done
exit "$status"
