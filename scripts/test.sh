#!/usr/bin/env bash
# Runs every test tier against real infrastructure:
#   unit (no I/O) -> int (real PostgreSQL, Redis, Kafka) -> e2e (services as child processes).
# Does its own set-up (npm packages, build, PostgreSQL/Redis, a fresh Kafka broker on 19092) and
# stops the broker it started. Extra arguments go to jest, e.g. `npm test -- libs/messaging`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/ensure-deps.sh
bash scripts/infra.sh up

# The test broker has its own ports and a fresh data directory, so a running demo suite is untouched.
# Another checkout's test broker may hold 19092: take the first free pair of ports from there.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
export KAFKA_STATE_DIR="$ROOT/.run/kafka-test" KAFKA_FRESH=1
if [[ -z "${TEST_KAFKA_PORT:-}" ]] && bash scripts/kafka.sh status >/dev/null 2>&1; then
  TEST_KAFKA_PORT="$(cat "$KAFKA_STATE_DIR/port" 2>/dev/null || echo 19092)" # reuse this checkout's broker
elif [[ -z "${TEST_KAFKA_PORT:-}" ]]; then
  TEST_KAFKA_PORT=19092
  while port_open "$TEST_KAFKA_PORT" || port_open "$((TEST_KAFKA_PORT + 1))"; do
    TEST_KAFKA_PORT=$((TEST_KAFKA_PORT + 2))
    (( TEST_KAFKA_PORT < 19300 )) || { echo "[test] no free port pair for Kafka in 19092-19300" >&2; exit 1; }
  done
fi
export KAFKA_PORT="${TEST_KAFKA_PORT:-19092}" KAFKA_CONTROLLER_PORT="$(( ${TEST_KAFKA_PORT:-19092} + 1 ))"
export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
kafka_started=0
if ! bash scripts/kafka.sh status >/dev/null 2>&1; then
  bash scripts/kafka.sh start
  kafka_started=1
fi
cleanup() { if [[ $kafka_started == 1 ]]; then bash scripts/kafka.sh stop; fi; }
trap cleanup EXIT

echo "[test] typecheck and lint" >&2
npx tsc -p tsconfig.json --noEmit
npx eslint "{apps,libs,test,scripts}/**/*.ts"

status=0
results="$ROOT/.run/test-results"
rm -rf "$results" && mkdir -p "$results"
for tier in unit int e2e; do
  echo "[test] $tier tests" >&2
  npx jest --selectProjects "$tier" --maxWorkers="${JEST_WORKERS:-2}" --forceExit ${1:+--passWithNoTests} \
    --json --outputFile="$results/$tier.json" -- "$@" || status=1
done
# One closing line over all tiers, e.g. "tests: 192 passed, 0 failed".
node -e '
  const fs = require("fs"); let p = 0, f = 0;
  for (const t of ["unit", "int", "e2e"]) {
    try { const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + t + ".json")); p += r.numPassedTests; f += r.numFailedTests + r.numRuntimeErrorTestSuites; }
    catch { f += 1; console.error("[test] no results for " + t); }
  }
  console.log("tests: " + p + " passed, " + f + " failed");
' "$results"
exit $status
