#!/usr/bin/env bash
# Known vulnerabilities of production dependencies: fails on any of severity high or critical
# (`pnpm audit --prod --audit-level high`). The audit is a service of the npm registry; where the
# network does not reach it (some proxies answer 405, an offline machine does not answer), this
# says so in one line and succeeds: a check that cannot run is reported, not faked.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="$(pnpm audit --prod --audit-level high 2>&1)"
rc=$?
printf '%s\n' "$out"
if [ "$rc" -eq 127 ]; then
  echo "audit: FAILED: pnpm not found"
  exit 1
fi
if [ "$rc" -eq 0 ]; then
  echo "audit: no known high or critical vulnerability in production dependencies"
  exit 0
fi
if grep -qE 'ERR_PNPM_AUDIT_BAD_RESPONSE|ERR_PNPM_AUDIT_ENDPOINT|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ERR_PNPM_FETCH|ERR_SOCKET' <<<"$out"; then
  reason="$(grep -oE 'responded with [0-9]+|E[A-Z_]{4,}' <<<"$out" | head -n 1)"
  echo "audit: SKIPPED: the registry's audit endpoint is not reachable from here (${reason:-no answer})"
  exit 0
fi
echo "audit: high or critical vulnerabilities in production dependencies (see above)"
exit 1
