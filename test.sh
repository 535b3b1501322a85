#!/usr/bin/env bash
# Runs every test of the kit. On a fresh machine it first installs what the tests need
# (scripts/setup-test-deps.sh: Debian packages, idempotent). Usage: ./test.sh [extra dotnet test args]
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup-test-deps.sh
log=$(mktemp)
status=0
dotnet test Tutorial.sln -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?
# One closing line for every test project together, e.g. "tests: 412 passed, 0 failed".
awk '/(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { v = $(i+1); gsub(",", "", v); f += v }
         if ($i == "Passed:")  { v = $(i+1); gsub(",", "", v); p += v }
         if ($i == "Skipped:") { v = $(i+1); gsub(",", "", v); s += v }
       }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
