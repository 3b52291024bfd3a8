#!/usr/bin/env bash
# Local Azure emulators for the storage tests, the benchmark and local runs: Azurite (Blob, Table) and cosmosdb-server (Cosmos DB).
#   bash scripts/emulators.sh install   # npm ci of the pinned versions in tests/emulators (skipped when already current)
#   bash scripts/emulators.sh start     # in the background on 127.0.0.1: Cosmos https :8081, Blob http :10000, Table http :10002
#   bash scripts/emulators.sh stop      # stops what start started (by the pids it wrote)
# The tests start their own instances on free ports and stop them; start/stop are for local runs (local.settings.sample.json).
# The Durable kill test starts Azurite with Blob, Queue and Table itself (node tests/emulators/launch.js azurite-durable).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/tests/emulators"
state="$dir/.run"

install() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "emulators: npm is required (Node.js 20 or later)" >&2
    exit 1
  fi
  # A stamp of the lock file's hash marks an install as current; a changed lock file installs again.
  local want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$dir/node_modules/.opshelm-lock" ] && [ "$(cat "$dir/node_modules/.opshelm-lock")" = "$want" ]; then
    return 0
  fi
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$dir/node_modules/.opshelm-lock"
}

start_one() {
  local name=$1 port=$2
  if [ -f "$state/$name.pid" ] && kill -0 "$(cat "$state/$name.pid")" 2>/dev/null; then
    echo "$name already running (pid $(cat "$state/$name.pid"))"
    return 0
  fi
  OPSHELM_EMULATOR_DETACHED=1 nohup node "$dir/launch.js" "$name" "$port" >"$state/$name.log" 2>&1 </dev/null &
  echo $! >"$state/$name.pid"
  for _ in $(seq 1 50); do
    if grep -q "listen\|started on" "$state/$name.log" 2>/dev/null; then
      echo "$name: $(grep -o '127\.0\.0\.1:[0-9]*' "$state/$name.log" | tail -1)"
      return 0
    fi
    sleep 0.2
  done
  echo "$name did not start; see $state/$name.log" >&2
  exit 1
}

stop_one() {
  local name=$1
  if [ -f "$state/$name.pid" ]; then
    kill "$(cat "$state/$name.pid")" 2>/dev/null || true
    rm -f "$state/$name.pid"
    echo "$name stopped"
  fi
}

case "${1:-}" in
  install) install ;;
  start) install; mkdir -p "$state"; start_one cosmos 8081; start_one azurite 10000; start_one azurite-table 10002 ;;
  stop) stop_one cosmos; stop_one azurite; stop_one azurite-table ;;
  *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
