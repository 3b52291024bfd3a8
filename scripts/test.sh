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

mkdir -p artifacts
dotnet test OpsHelm.Functions.sln -c Release 2>&1 | tee artifacts/test-output.txt
status=${PIPESTATUS[0]}

totals=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' artifacts/test-output.txt \
  | awk -F'[:,]' '{ failed += $2; passed += $4 } END { printf "%d passed, %d failed\n", passed, failed }')
echo
echo "${totals:-0 passed, 0 failed}"
exit "$status"
