#!/usr/bin/env bash
# The README's test command: restores, builds and runs every test project, then prints one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."

# The replay-accuracy test scores results with the labelled set's own scorer (python3).
if ! command -v python3 >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq python3 >/dev/null
fi

# The storage tests start Azurite and cosmosdb-server (pinned npm versions, tests/emulators) on free loopback ports.
bash scripts/emulators.sh install

# The IMAP tests (tests/OpsHelm.Connectors.Tests/Imap) start Debian's Dovecot on a free loopback port; installed only when missing.
if [ ! -x /usr/sbin/dovecot ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq dovecot-imapd >/dev/null
fi

# --- Portal (browser tests, tests/OpsHelm.Portal.Tests): the built portal (src/portal/dist) and Debian's chromium. ---
# npm ci only when the lock file changed since the last install (a stamp of its hash), then the build (TypeScript check + esbuild).
portal=src/portal
portal_lock=$(sha256sum "$portal/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$portal/node_modules/.opshelm-lock" 2>/dev/null)" != "$portal_lock" ]; then
  (cd "$portal" && npm ci --no-audit --no-fund --loglevel=error) && echo "$portal_lock" >"$portal/node_modules/.opshelm-lock"
fi
(cd "$portal" && npm run --silent build)
# Playwright drives Debian's chromium (test tools cannot download their own browser here).
if [ ! -x /usr/bin/chromium ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
# --- end portal ---

mkdir -p artifacts
dotnet test OpsHelm.Functions.sln -c Release 2>&1 | tee artifacts/test-output.txt
status=${PIPESTATUS[0]}

totals=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' artifacts/test-output.txt \
  | awk -F'[:,]' '{ failed += $2; passed += $4 } END { printf "%d passed, %d failed\n", passed, failed }')
echo
echo "${totals:-0 passed, 0 failed}"
exit "$status"
