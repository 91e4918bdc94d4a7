#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer. Starts them with the
# machine's own commands when they are down, installs them from Debian's packages when missing.
# Records what it started in .run/infra-started so that `down` stops only those.
#   scripts/infra.sh up | down | status
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STARTED="$ROOT/.run/infra-started"
PG_HOST=127.0.0.1; PG_PORT="${PGPORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
mkdir -p "$ROOT/.run"

log() { echo "[infra] $*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  log "installing $* from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}
wait_for() { # name, test command...
  local name="$1"; shift
  for _ in $(seq 1 150); do "$@" && return 0; sleep 0.2; done
  log "$name did not come up within 30s"; return 1
}

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null || port_open "$PG_PORT"; }
pg_version() { ls /etc/postgresql 2>/dev/null | sort -n | tail -1; }

ensure_postgres() {
  if pg_ready; then return 0; fi
  if ! command -v pg_ctlcluster >/dev/null || [[ -z "$(pg_version)" ]]; then
    apt_install postgresql postgresql-client
    local conf="/etc/postgresql/$(pg_version)/main/pg_hba.conf"
    # A fresh Debian cluster asks for passwords on TCP; the tests use trust on loopback like this machine kind.
    as_root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$conf"
  fi
  log "starting PostgreSQL $(pg_version)"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main start || true
  wait_for PostgreSQL pg_ready
  echo postgres >>"$STARTED"
}

redis_ready() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

ensure_redis() {
  if redis_ready; then return 0; fi
  command -v redis-server >/dev/null || apt_install redis-server
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/inventory.log
  wait_for Redis redis_ready
  echo redis >>"$STARTED"
}

down() {
  [[ -f "$STARTED" ]] || return 0
  if grep -qx redis "$STARTED"; then log "stopping Redis"; redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; fi
  if grep -qx postgres "$STARTED"; then log "stopping PostgreSQL"; as_root pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main stop || true; fi
  rm -f "$STARTED"
}

case "${1:-}" in
  up) ensure_postgres; ensure_redis; log "PostgreSQL 127.0.0.1:$PG_PORT and Redis 127.0.0.1:$REDIS_PORT are up" ;;
  down) down ;;
  status) pg_ready && echo "postgres up" || echo "postgres down"; redis_ready && echo "redis up" || echo "redis down" ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
