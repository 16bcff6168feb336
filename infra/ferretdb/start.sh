#!/usr/bin/env bash
# Start a throwaway FerretDB (MongoDB wire protocol) on loopback for tests and local runs.
#
#   eval "$(infra/ferretdb/start.sh)"      # sets MONGO_URL
#   infra/ferretdb/stop.sh                  # stops it and drops its PostgreSQL database
#
# Each start gets a fresh database `ferretdb_<port>` (PostgreSQL backend, when pg_isready answers)
# or a fresh SQLite dir. Parallel starts (different FERRETDB_STATE) get different ports: a lock
# per port, held by the running server, keeps them apart.
#
# stdout carries exactly one line, `export MONGO_URL=mongodb://127.0.0.1:<port>/`; everything
# else goes to stderr. Builds FerretDB from source once (see infra/README.md for why) and caches
# the binary in ${TOCHKA_CACHE:-$HOME/.cache/tochka}/ferretdb-<version>/ferretdb.
#
# Environment (all optional):
#   TOCHKA_CACHE        cache root (binary, Go toolchain fallback)
#   FERRETDB_STATE      state dir: pid, port, log, SQLite data   (default /tmp/tochka-ferretdb)
#   FERRETDB_PORT       first port to try                         (default 27018)
#   FERRETDB_BACKEND    postgresql | sqlite                       (default: postgresql if pg_isready)
#   FERRETDB_PG_HOST / FERRETDB_PG_PORT / FERRETDB_PG_USER       (default 127.0.0.1 / 5432 / postgres)
#   FERRETDB_WAIT       seconds to wait for the server to answer  (default 60)
#   FERRETDB_KEEP_DATA  1: keep the data of earlier runs on this port and state dir (SQLite: the
#                       dev launcher's fallback under .data/; PostgreSQL: the database
#                       `ferretdb_<port>`, so a killed server restarted with the same
#                       FERRETDB_STATE and FERRETDB_PORT finds its data); default: every start
#                       begins empty
set -euo pipefail

FERRETDB_VERSION=v1.24.2
FERRETDB_MODULE=github.com/FerretDB/FerretDB
# FerretDB v1.24.2's go.mod says `toolchain go1.24.3`; used only when no usable `go` is installed.
GO_TOOLCHAIN=go1.24.3

CACHE="${TOCHKA_CACHE:-$HOME/.cache/tochka}"
BIN_DIR="$CACHE/ferretdb-$FERRETDB_VERSION"
BIN="$BIN_DIR/ferretdb"
STATE="${FERRETDB_STATE:-/tmp/tochka-ferretdb}"
FIRST_PORT="${FERRETDB_PORT:-27018}"
WAIT_SECONDS="${FERRETDB_WAIT:-60}"
PG_HOST="${FERRETDB_PG_HOST:-127.0.0.1}"
PG_PORT="${FERRETDB_PG_PORT:-5432}"
PG_USER="${FERRETDB_PG_USER:-postgres}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf '[ferretdb] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Go: infra/go/toolchain.sh (an installed Go >= 1.21, or the toolchain from the module proxy).
# shellcheck source=../go/toolchain.sh
. "$HERE/../go/toolchain.sh"

# ---------------------------------------------------------------------------------------------
# Build. `go install .../cmd/ferretdb@v1.24.2` fails here: to report a deprecation it reads the
# module's version list (`@v/list`) from the proxy, which answers 403 for FerretDB, while the
# exact version (`@v/v1.24.2.*`) is served. `go mod download` of the exact version needs no list,
# so build from the downloaded source.
build_ferretdb() {
  local go_bin tmp dir
  go_bin="$(ensure_go)"
  log "building FerretDB $FERRETDB_VERSION with $("$go_bin" env GOVERSION) (first run only, ~2-3 min)"
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/ferretdb-build.XXXXXX")"
  # Run outside any Go module so `go mod download` works in plain module mode.
  dir="$(cd "$tmp" && GOFLAGS=-mod=mod "$go_bin" mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')" ||
    die "go mod download $FERRETDB_MODULE@$FERRETDB_VERSION failed"
  [ -n "$dir" ] && [ -d "$dir" ] || die "go mod download gave no source directory"
  # The module cache is read-only and lacks build/version/version.txt (normally produced by
  # `git describe`); without it the binary panics at start.
  cp -R "$dir" "$tmp/src"
  chmod -R u+w "$tmp/src"
  printf '%s\n' "$FERRETDB_VERSION" >"$tmp/src/build/version/version.txt"
  mkdir -p "$BIN_DIR"
  # `go: downloading ...` lines for ~100 modules: keep them in a file, show them only on failure.
  if ! (cd "$tmp/src" && "$go_bin" build -trimpath -o "$BIN.tmp.$$" ./cmd/ferretdb) >"$BIN_DIR/build.log" 2>&1; then
    tail -n 40 "$BIN_DIR/build.log" >&2
    rm -rf "$tmp" "$BIN.tmp.$$"
    die "go build failed (full output in $BIN_DIR/build.log)"
  fi
  mv -f "$BIN.tmp.$$" "$BIN"
  rm -rf "$tmp"
  log "built $BIN ($("$BIN" --version 2>/dev/null | head -n1))"
}

ensure_binary() {
  [ -x "$BIN" ] && return 0
  mkdir -p "$BIN_DIR"
  if command -v flock >/dev/null; then
    # Serialise concurrent first runs; the loser finds the binary already built.
    exec 8>"$BIN_DIR/.build.lock"
    flock 8
    [ -x "$BIN" ] || build_ferretdb
    flock -u 8
    exec 8>&-
  else
    build_ferretdb
  fi
}

# ---------------------------------------------------------------------------------------------
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A real `ping` over the wire protocol (OP_MSG), in plain Node, no driver needed. Exit 0 when
# the reply says ok: 1. Without node we settle for the TCP check.
mongo_ping() {
  command -v node >/dev/null || return 0
  node - "$1" <<'NODE' 2>/dev/null
const net = require('net');
const i32 = (n) => { const b = Buffer.alloc(4); b.writeInt32LE(n); return b; };
const cstr = (s) => Buffer.from(s + '\0', 'utf8');
const db = cstr('admin');
const body = Buffer.concat([
  Buffer.from([0x10]), cstr('ping'), i32(1),
  Buffer.from([0x02]), cstr('$db'), i32(db.length), db,
  Buffer.from([0x00]),
]);
const doc = Buffer.concat([i32(body.length + 4), body]);
const payload = Buffer.concat([i32(0), Buffer.from([0]), doc]);
const msg = Buffer.concat([i32(16 + payload.length), i32(1), i32(0), i32(2013), payload]);
const sock = net.connect(Number(process.argv[2]), '127.0.0.1', () => sock.write(msg));
let buf = Buffer.alloc(0);
const fail = (why) => { console.error(why); process.exit(1); };
sock.setTimeout(3000, () => fail('timeout'));
sock.on('error', (e) => fail(e.message));
sock.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  if (buf.length < 4 || buf.length < buf.readInt32LE(0)) return;
  // header(16) flags(4) kind(1) then the reply document; find its top-level "ok" field.
  const start = 21, end = start + buf.readInt32LE(start);
  for (let p = start + 4; p < end - 1; ) {
    const type = buf[p];
    const nameEnd = buf.indexOf(0, p + 1);
    const name = buf.toString('utf8', p + 1, nameEnd);
    let v = nameEnd + 1;
    if (name === 'ok') {
      const ok = type === 0x01 ? buf.readDoubleLE(v) : type === 0x10 ? buf.readInt32LE(v) : NaN;
      process.exit(ok === 1 ? 0 : 1);
    }
    const sizes = { 0x01: 8, 0x07: 12, 0x08: 1, 0x09: 8, 0x0a: 0, 0x10: 4, 0x11: 8, 0x12: 8, 0x13: 16 };
    if (type === 0x02) v += 4 + buf.readInt32LE(v);
    else if (type === 0x03 || type === 0x04) v += buf.readInt32LE(v);
    else if (type === 0x05) v += 5 + buf.readInt32LE(v);
    else if (type in sizes) v += sizes[type];
    else fail('unexpected BSON type ' + type);
    p = v;
  }
  fail('no ok field');
});
NODE
}

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

pg_available() {
  command -v pg_isready >/dev/null && command -v psql >/dev/null &&
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 3 >/dev/null 2>&1
}

psql_admin() { psql -X -w -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"; }

# A fresh database per instance. Only called for a port we hold the lock of and nobody listens
# on, so a database of that name is a leftover of an instance that died without stop.sh.
prepare_pg_database() {
  local db="$1" exists
  exists="$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" || return 1
  if [ "$exists" = 1 ] && [ "${FERRETDB_KEEP_DATA:-}" = 1 ]; then
    log "keeping PostgreSQL database $db (FERRETDB_KEEP_DATA=1)"
    return 0
  fi
  if [ "$exists" = 1 ]; then
    { psql_admin -c "DROP DATABASE \"$db\" WITH (FORCE)" >/dev/null 2>&1 ||
      psql_admin -c "DROP DATABASE \"$db\"" >/dev/null; } || return 1
    log "dropped leftover PostgreSQL database $db"
  fi
  psql_admin -c "CREATE DATABASE \"$db\"" >/dev/null || return 1
  log "created PostgreSQL database $db"
}

# Make FerretDB's pushed-down equalities index-served inside PostgreSQL (infra/README.md,
# "FerretDB companion indexes"): custom plans, so the field name FerretDB binds as a parameter is a
# constant the planner can match with an index expression, and the event trigger that gives every
# btree index FerretDB creates a GIN companion serving its `@>`. Idempotent: also run on a kept
# database (FERRETDB_KEEP_DATA=1), where it adds the companions indexes created before it lack.
install_pg_companions() {
  local db="$1"
  psql_admin -c "ALTER DATABASE \"$db\" SET plan_cache_mode = force_custom_plan" >/dev/null &&
    psql -X -w -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$db" \
      -f "$HERE/companion-indexes.sql" >/dev/null
}

# claim_port <first>: set $port to the first port >= <first> that nobody answers on and that no
# other start.sh holds, keeping fd 9 locked on it. FerretDB inherits fd 9, so the claim lasts as
# long as the server runs (and parallel runs never pick the same port and database name).
LOCK_DIR="/tmp/tochka-ferretdb-locks-$(id -u)"
claim_port() {
  local p="$1"
  command -v flock >/dev/null && mkdir -p "$LOCK_DIR"
  while [ "$p" -le 65535 ]; do
    if ! tcp_open "$p"; then
      if ! command -v flock >/dev/null; then
        port="$p"
        return 0
      fi
      if { exec 9>>"$LOCK_DIR/$p.lock"; } 2>/dev/null; then
        if flock -n 9 && ! tcp_open "$p"; then
          port="$p"
          return 0
        fi
        exec 9>&-
      fi
    fi
    p=$((p + 1))
  done
  die "no free port at or above $1"
}

# ---------------------------------------------------------------------------------------------
mkdir -p "$STATE"

# Reuse an instance this state dir already runs (e.g. a second `eval` in the same shell).
if [ -f "$STATE/ferretdb.pid" ]; then
  old_pid="$(cat "$STATE/ferretdb.pid" 2>/dev/null || true)"
  old_port="$(cat "$STATE/port" 2>/dev/null || true)"
  if pid_alive "$old_pid" && [ -n "$old_port" ] && tcp_open "$old_port" && mongo_ping "$old_port"; then
    log "already running (pid $old_pid, port $old_port, state $STATE)"
    echo "export MONGO_URL=mongodb://127.0.0.1:$old_port/"
    exit 0
  fi
  log "cleaning up a stale instance in $STATE"
  FERRETDB_STATE="$STATE" bash "$HERE/stop.sh" >&2 || true
fi

ensure_binary

backend="${FERRETDB_BACKEND:-}"
if [ -z "$backend" ]; then
  if pg_available; then backend=postgresql; else backend=sqlite; fi
fi

LOG="$STATE/ferretdb.log"
port="$FIRST_PORT"
pid=""
db=""
started=""
for _ in 1 2 3 4 5; do
  claim_port "$port"

  args=(--listen-addr="127.0.0.1:$port" --state-dir="$STATE/state" --telemetry=disable
    --debug-addr=127.0.0.1:0 --log-level=WARN)
  rm -f "$STATE/pgdb"
  if [ "$backend" = postgresql ]; then
    db="ferretdb_$port"
    if ! prepare_pg_database "$db"; then
      log "cannot create PostgreSQL database $db; falling back to SQLite"
      backend=sqlite
    elif ! install_pg_companions "$db"; then
      log "WARNING: could not install the companion indexes in $db (superuser needed): equalities stay sequential scans"
    fi
  fi
  if [ "$backend" = postgresql ]; then
    echo "$db" >"$STATE/pgdb"
    # pool_max_conns: FerretDB 1.24 holds one pooled connection for an update's query while it
    # takes a second to write; with pgx's default pool (4 connections on 2 cores) four concurrent
    # updates wait for each other forever. A larger pool keeps that out of reach.
    args+=(--handler=postgresql --postgresql-url="postgres://$PG_USER@$PG_HOST:$PG_PORT/$db?pool_max_conns=${FERRETDB_PG_POOL:-80}")
  else
    [ "${FERRETDB_KEEP_DATA:-}" = 1 ] || rm -rf "$STATE/sqlite"
    mkdir -p "$STATE/sqlite"
    args+=(--handler=sqlite --sqlite-url="file:$STATE/sqlite/")
  fi
  mkdir -p "$STATE/state"
  echo "$port" >"$STATE/port"
  echo "$backend" >"$STATE/backend"

  log "starting on 127.0.0.1:$port ($backend backend, log $LOG)"
  printf '\n=== %s start: %s %s\n' "$(date -u +%FT%TZ)" "$BIN" "${args[*]}" >>"$LOG"
  # New session, no inherited stdin/stdout: `$(start.sh)` must not wait for the server to exit.
  if command -v setsid >/dev/null; then
    setsid "$BIN" "${args[@]}" </dev/null >>"$LOG" 2>&1 &
  else
    nohup "$BIN" "${args[@]}" </dev/null >>"$LOG" 2>&1 &
  fi
  pid=$!
  echo "$pid" >"$STATE/ferretdb.pid"

  deadline=$((SECONDS + WAIT_SECONDS))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! pid_alive "$pid"; then break; fi
    if tcp_open "$port" && mongo_ping "$port"; then
      started=yes
      break
    fi
    sleep 0.5
  done
  [ -n "$started" ] && break

  if ! pid_alive "$pid" && tail -n 20 "$LOG" | grep -qi 'address already in use'; then
    log "port $port was taken meanwhile; trying the next one"
    FERRETDB_STATE="$STATE" bash "$HERE/stop.sh" >&2 || true
    exec 9>&-
    port=$((port + 1))
    continue
  fi
  break
done

if [ -z "$started" ]; then
  if pid_alive "$pid"; then
    log "ERROR: FerretDB did not answer a ping on 127.0.0.1:$port within ${WAIT_SECONDS}s; last log lines:"
  else
    log "ERROR: FerretDB exited during start-up; last log lines:"
  fi
  tail -n 40 "$LOG" >&2 || true
  FERRETDB_STATE="$STATE" bash "$HERE/stop.sh" >&2 || true
  exit 1
fi

if [ "$backend" = postgresql ]; then
  log "ready: pid $pid, port $port, PostgreSQL database $db"
else
  log "ready: pid $pid, port $port, SQLite in $STATE/sqlite"
fi
echo "export MONGO_URL=mongodb://127.0.0.1:$port/"
