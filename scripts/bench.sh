#!/usr/bin/env bash
# Runs the benchmarks against real PostgreSQL and Redis (and Kafka for the parts that need it),
# writing docs/benchmarks.md and docs/benchmarks.json. Arguments: --quick, --part <name>.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/ensure-deps.sh
bash scripts/infra.sh up
export PGHOST=127.0.0.1 PGUSER="${PGUSER:-postgres}"
if [[ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'inventory_bench'")" != "1" ]]; then
  createdb inventory_bench
fi
export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://$PGUSER@127.0.0.1:5432/inventory_bench}"
node dist/scripts/bench/bench.js "$@"
