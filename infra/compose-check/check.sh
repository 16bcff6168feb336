#!/usr/bin/env bash
# Validate compose files without a Docker engine, the way `docker compose config` does:
#
#   bash infra/compose-check/check.sh docker-compose.cluster.yml     # resolved project (JSON) on stdout
#
# compose-check (main.go here) is built once with Go from the module proxy (compose-go, the loader
# of Docker Compose v2) and cached under ${TOCHKA_CACHE:-$HOME/.cache/tochka}/compose-check-<hash>/.
# Debian's `docker-compose` (1.29) is too old for the current Compose specification (top-level
# `name`, `start_interval`), and the Docker Compose plugin is not in Debian.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${TOCHKA_CACHE:-$HOME/.cache/tochka}"
log() { printf '[compose-check] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# compose-go v2.16's go.mod asks for go1.24; used only when no usable `go` is installed.
GO_TOOLCHAIN=go1.24.3
# shellcheck source=../go/toolchain.sh
. "$HERE/../go/toolchain.sh"

hash="$(cat "$HERE/go.mod" "$HERE/go.sum" "$HERE/main.go" | sha256sum | cut -c1-12)"
BIN_DIR="$CACHE/compose-check-$hash"
BIN="$BIN_DIR/compose-check"
if [ ! -x "$BIN" ]; then
  mkdir -p "$BIN_DIR"
  exec 8>"$BIN_DIR/.build.lock"
  flock 8
  if [ ! -x "$BIN" ]; then
    go_bin="$(ensure_go)"
    log "building compose-check with $("$go_bin" env GOVERSION) (first run only, ~30 s)"
    (cd "$HERE" && GOFLAGS=-mod=mod "$go_bin" build -trimpath -o "$BIN.tmp.$$" .) >"$BIN_DIR/build.log" 2>&1 ||
      { tail -n 30 "$BIN_DIR/build.log" >&2; die "go build failed (full output in $BIN_DIR/build.log)"; }
    mv -f "$BIN.tmp.$$" "$BIN"
  fi
  flock -u 8
fi
exec "$BIN" "$@"
