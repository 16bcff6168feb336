#!/usr/bin/env bash
# Stop the FerretDB that infra/ferretdb/start.sh started (same FERRETDB_STATE) and drop the
# PostgreSQL database / SQLite files it used (both stay with FERRETDB_KEEP_DATA=1).
# Safe to run when nothing is running.
set -euo pipefail

STATE="${FERRETDB_STATE:-/tmp/tochka-ferretdb}"
PG_HOST="${FERRETDB_PG_HOST:-127.0.0.1}"
PG_PORT="${FERRETDB_PG_PORT:-5432}"
PG_USER="${FERRETDB_PG_USER:-postgres}"

log() { printf '[ferretdb] %s\n' "$*" >&2; }

[ -d "$STATE" ] || { log "nothing to stop ($STATE does not exist)"; exit 0; }

# Alive and not a zombie waiting to be reaped.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

pid="$(cat "$STATE/ferretdb.pid" 2>/dev/null || true)"
if [ -n "$pid" ] && alive "$pid"; then
  # Only signal the pid if it still is a ferretdb process (pids get reused).
  if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q ferretdb || [ ! -d /proc ]; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      alive "$pid" || break
      sleep 0.2
    done
    if alive "$pid"; then
      log "pid $pid ignored SIGTERM for 10s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
    log "stopped pid $pid"
  else
    log "pid $pid is not ferretdb any more; not touching it"
  fi
elif [ -n "$pid" ]; then
  log "pid $pid already gone"
fi
rm -f "$STATE/ferretdb.pid"

db="$(cat "$STATE/pgdb" 2>/dev/null || true)"
if [ -n "$db" ] && [ "${FERRETDB_KEEP_DATA:-}" = 1 ]; then
  log "keeping PostgreSQL database $db (FERRETDB_KEEP_DATA=1)"
elif [ -n "$db" ]; then
  case "$db" in
    ferretdb_[0-9]*) ;;
    *) log "refusing to drop unexpected database name '$db'"; exit 1 ;;
  esac
  # WITH (FORCE) (PostgreSQL >= 13) ends sessions a killed server may have left behind.
  if psql -X -w -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres \
    -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 ||
    psql -X -w -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres \
      -c "DROP DATABASE IF EXISTS \"$db\""; then
    log "dropped PostgreSQL database $db"
    rm -f "$STATE/pgdb"
  else
    log "could not drop PostgreSQL database $db"
    exit 1
  fi
fi

if [ -d "$STATE/sqlite" ] && [ "${FERRETDB_KEEP_DATA:-}" != 1 ]; then
  rm -rf "$STATE/sqlite"
  log "removed SQLite data in $STATE/sqlite"
fi
rm -f "$STATE/port" "$STATE/backend"
