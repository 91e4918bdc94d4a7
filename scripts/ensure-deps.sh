#!/usr/bin/env bash
# Installs npm packages when node_modules is missing or package-lock.json changed since the last
# install, and compiles the TypeScript (services run from dist/). Safe to run any number of times.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STAMP=node_modules/.inventory-lock-hash
HASH="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$HASH" ]]; then
  echo "[deps] npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$HASH" >"$STAMP"
fi
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "[deps] compiling TypeScript" >&2
  npm run --silent build
fi
