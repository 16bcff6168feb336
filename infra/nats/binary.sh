#!/usr/bin/env bash
# Print the path of a nats-server (>= 2.9, JetStream) on stdout; everything else goes to stderr.
#
#   server="$(bash infra/nats/binary.sh)"
#
# Looks in PATH, then /usr/sbin (Debian's package), then the cache; where none is installed and
# Go is there (or its toolchain can be fetched from the module proxy, as for FerretDB), builds
# nats-server $NATS_SERVER_VERSION from the Go module proxy once into
# ${TOCHKA_CACHE:-$HOME/.cache/tochka}/nats-server-<version>/. Otherwise fails naming the one
# command that installs it.
set -euo pipefail

NATS_SERVER_VERSION="${NATS_SERVER_VERSION:-v2.10.27}"
NATS_SERVER_MODULE=github.com/nats-io/nats-server/v2
# nats-server 2.10's go.mod asks for go1.22+; used only when no usable `go` is installed.
GO_TOOLCHAIN=go1.24.3
CACHE="${TOCHKA_CACHE:-$HOME/.cache/tochka}"
BIN_DIR="$CACHE/nats-server-$NATS_SERVER_VERSION"
BIN="$BIN_DIR/nats-server"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf '[nats] %s\n' "$*" >&2; }
INSTALL_HINT='sudo apt-get install nats-server   (Debian/Ubuntu; or download it from https://github.com/nats-io/nats-server/releases)'
die() {
  log "ERROR: $*"
  log "install nats-server with: $INSTALL_HINT"
  exit 1
}

# shellcheck source=../go/toolchain.sh
. "$HERE/../go/toolchain.sh"

for candidate in "${NATS_SERVER_BIN:-}" "$(command -v nats-server 2>/dev/null || true)" /usr/sbin/nats-server /usr/local/bin/nats-server "$BIN"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    printf '%s\n' "$candidate"
    exit 0
  fi
done

[ "${NATS_SERVER_NO_BUILD:-}" = 1 ] && die "nats-server not found"

build() {
  local go_bin
  go_bin="$(ensure_go)"
  log "nats-server not installed; building $NATS_SERVER_MODULE@$NATS_SERVER_VERSION from the Go module proxy with $("$go_bin" env GOVERSION) (first run only, ~1-2 min)"
  mkdir -p "$BIN_DIR"
  # `go install pkg@version`: module mode outside any module, binary into GOBIN.
  if ! (cd "${TMPDIR:-/tmp}" && GOBIN="$BIN_DIR/.build.$$" "$go_bin" install -trimpath "$NATS_SERVER_MODULE@$NATS_SERVER_VERSION") >"$BIN_DIR/build.log" 2>&1; then
    tail -n 30 "$BIN_DIR/build.log" >&2
    rm -rf "$BIN_DIR/.build.$$"
    die "building nats-server failed (full output in $BIN_DIR/build.log)"
  fi
  mv -f "$BIN_DIR/.build.$$/nats-server" "$BIN"
  rm -rf "$BIN_DIR/.build.$$"
  log "built $BIN"
}

mkdir -p "$BIN_DIR"
if command -v flock >/dev/null; then
  exec 8>"$BIN_DIR/.build.lock"
  flock 8
  [ -x "$BIN" ] || build
  flock -u 8
else
  build
fi
printf '%s\n' "$BIN"
