# Sourced by infra scripts that build a Go program from the module proxy (FerretDB, nats-server).
# The caller defines CACHE (cache root), log and die. Provides ensure_go: prints the path of a
# `go` >= 1.21 (which fetches the toolchain a module asks for by itself), fetching
# $GO_TOOLCHAIN from the module proxy into $CACHE when none is installed.
GO_TOOLCHAIN="${GO_TOOLCHAIN:-go1.24.3}"

# Go: use the installed one if it can build a go1.24 module (>= 1.21 switches toolchains by
# itself through the module proxy); otherwise fetch the toolchain from the module proxy, which is
# exactly what `go` does with GOTOOLCHAIN=auto.
go_minor() { "$1" env GOVERSION 2>/dev/null | sed -n 's/^go1\.\([0-9]*\).*/\1/p'; }

find_go() {
  local candidate minor
  for candidate in "$(command -v go 2>/dev/null || true)" /usr/local/go/bin/go "$CACHE/go-$GO_TOOLCHAIN/bin/go"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    minor="$(go_minor "$candidate")"
    if [ -n "$minor" ] && [ "$minor" -ge 21 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

fetch_go_toolchain() {
  local arch proxy url tmp
  case "$(uname -m)" in
    x86_64 | amd64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "no usable Go and no toolchain download for $(uname -m); install Go >= 1.21" ;;
  esac
  proxy="${GOPROXY:-https://proxy.golang.org}"
  proxy="${proxy%%[,|]*}"
  case "$proxy" in http*) ;; *) proxy=https://proxy.golang.org ;; esac
  url="$proxy/golang.org/toolchain/@v/v0.0.1-$GO_TOOLCHAIN.linux-$arch.zip"
  log "no Go >= 1.21 found; fetching $GO_TOOLCHAIN from the module proxy"
  command -v curl >/dev/null || die "curl is needed to fetch the Go toolchain"
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/go-toolchain.XXXXXX")"
  curl -fsSL --retry 3 -o "$tmp/go.zip" "$url" || die "download failed: $url"
  if command -v unzip >/dev/null; then
    unzip -q "$tmp/go.zip" -d "$tmp/x"
  elif command -v python3 >/dev/null; then
    python3 -m zipfile -e "$tmp/go.zip" "$tmp/x"
  else
    die "need unzip or python3 to unpack the Go toolchain"
  fi
  rm -rf "$CACHE/go-$GO_TOOLCHAIN"
  mv "$tmp/x/golang.org/toolchain@v0.0.1-$GO_TOOLCHAIN.linux-$arch" "$CACHE/go-$GO_TOOLCHAIN"
  chmod -R u+w "$CACHE/go-$GO_TOOLCHAIN"
  chmod +x "$CACHE/go-$GO_TOOLCHAIN/bin/"* "$CACHE/go-$GO_TOOLCHAIN/pkg/tool/"*/* 2>/dev/null || true
  rm -rf "$tmp"
}

ensure_go() {
  find_go || { fetch_go_toolchain; find_go; } || die "Go toolchain unusable"
}
