#!/usr/bin/env bash
# Lint throughput against the raw libpg_query parse rate, in one process, on a generated schema.
# Usage: bench/run-lint-bench.sh [statements] [rounds]   (default 100000 statements, 3 rounds)
# Memory: runs 25k/50k/100k statements too and prints the peak working set of each, to show how it grows.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/LintThroughput -c Release --verbosity quiet
bench=bench/LintThroughput/bin/Release/net10.0/YbMigrate.Bench.dll
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(dotnet --version), libpg_query $(dpkg-query -W -f='${Version}' libpg-query-dev)"
dotnet "$bench" "${1:-100000}" "${2:-3}"
for n in 25000 50000 100000; do
  printf '%s statements: ' "$n"
  dotnet "$bench" "$n" 1 | grep 'peak working set'
done
