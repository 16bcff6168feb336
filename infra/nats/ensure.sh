#!/usr/bin/env bash
# Make sure a NATS server with JetStream answers on NATS_URL (default nats://127.0.0.1:4222).
#
#   eval "$(infra/nats/ensure.sh)"      # sets NATS_URL
#
# If a server already answers there, nothing is started. Otherwise (loopback addresses only)
# Debian's nats-server is installed if missing and started in the background with JetStream,
# storage and log in ${NATS_STATE:-/tmp/tochka-nats}. It is left running.
# stdout carries exactly one line, `export NATS_URL=...`; everything else goes to stderr.
set -euo pipefail

URL="${NATS_URL:-nats://127.0.0.1:4222}"
STATE="${NATS_STATE:-/tmp/tochka-nats}"
WAIT_SECONDS="${NATS_WAIT:-30}"

log() { printf '[nats] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# First server of a possibly comma-separated list; drop scheme and credentials.
hostport="${URL%%,*}"
hostport="${hostport#*://}"
hostport="${hostport##*@}"
hostport="${hostport%%/*}"
case "$hostport" in
  \[*\]:*) host="${hostport%]:*}"; host="${host#[}"; port="${hostport##*]:}" ;;
  \[*\]) host="${hostport#[}"; host="${host%]}"; port=4222 ;;
  *:*) host="${hostport%:*}"; port="${hostport##*:}" ;;
  *) host="$hostport"; port=4222 ;;
esac
[ -n "$host" ] || host=127.0.0.1

# Prints the server's INFO line if a NATS server answers (5 s cap, also on black-holed hosts).
probe='exec 3<>"/dev/tcp/$1/$2" || exit 1
IFS= read -r -t 3 line <&3 || exit 1
case "$line" in INFO*) printf "%s\n" "$line" ;; *) exit 1 ;; esac'
nats_info() {
  if command -v timeout >/dev/null; then
    timeout 5 bash -c "$probe" nats-probe "$host" "$port" 2>/dev/null
  else
    bash -c "$probe" nats-probe "$host" "$port" 2>/dev/null
  fi
}

report_ready() {
  local info="$1"
  case "$info" in
    *'"jetstream":true'*) log "NATS answers on $host:$port (JetStream enabled)" ;;
    *) log "WARNING: NATS on $host:$port answers but JetStream is NOT enabled" ;;
  esac
  printf 'export NATS_URL=%q\n' "$URL"
}

if info="$(nats_info)"; then
  report_ready "$info"
  exit 0
fi

case "$host" in
  127.* | localhost | ::1) ;;
  *) die "nothing answers on $host:$port and it is not a local address; not starting one" ;;
esac

find_server() {
  command -v nats-server 2>/dev/null || { [ -x /usr/sbin/nats-server ] && echo /usr/sbin/nats-server; }
}

server="$(find_server || true)"
if [ -z "$server" ]; then
  log "nats-server not found; installing Debian's nats-server"
  command -v apt-get >/dev/null || die "no apt-get; install nats-server (>= 2.9, JetStream) yourself"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to apt-get install nats-server"
    sudo=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >&2
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends nats-server >&2
  server="$(find_server || true)"
  [ -n "$server" ] || die "nats-server still not found after apt-get install"
  # The package may have started its own service (systemd hosts); use it if it answers.
  sleep 1
  if info="$(nats_info)"; then
    report_ready "$info"
    exit 0
  fi
fi

mkdir -p "$STATE/jetstream"
bind="$host"
[ "$bind" = localhost ] && bind=127.0.0.1
log "starting $server on $bind:$port (JetStream store $STATE/jetstream, log $STATE/nats.log)"
# New session, no inherited stdin/stdout: `$(ensure.sh)` must not wait for the server to exit.
if command -v setsid >/dev/null; then
  setsid "$server" -js -a "$bind" -p "$port" -sd "$STATE/jetstream" -l "$STATE/nats.log" \
    </dev/null >>"$STATE/nats.out" 2>&1 &
else
  nohup "$server" -js -a "$bind" -p "$port" -sd "$STATE/jetstream" -l "$STATE/nats.log" \
    </dev/null >>"$STATE/nats.out" 2>&1 &
fi
pid=$!
echo "$pid" >"$STATE/nats.pid"

deadline=$((SECONDS + WAIT_SECONDS))
while [ "$SECONDS" -lt "$deadline" ]; do
  if info="$(nats_info)"; then
    log "started (pid $pid)"
    report_ready "$info"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.3
done

log "ERROR: nats-server did not answer on $bind:$port within ${WAIT_SECONDS}s; last log lines:"
tail -n 30 "$STATE/nats.log" "$STATE/nats.out" >&2 2>/dev/null || true
kill "$pid" 2>/dev/null || true
exit 1
