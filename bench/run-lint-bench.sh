#!/usr/bin/env bash
# Lint throughput against the raw libpg_query parse rate, in one process, on a generated schema.
# Usage: bench/run-lint-bench.sh [statements] [rounds]   (default 100000 statements, 3 rounds)
# Memory: runs 25k/50k/100k/200k statements too (one process each) and prints, for each, the peak working set and what the linter keeps apart from the benchmark's own input (the run at its last statement, the catalog, the findings), to show what grows.
# The machine's load average is printed before each part: the lint parses on one worker per core, so other work on the machine lowers its rate more than the single-threaded raw rate's.
# Each round also gives the raw rate per core with every core parsing at once, and the raw rate of a thread held on each core: on a virtual machine whose host slows one core (here core 1 at times runs at 55-60% of core 0), the single-threaded raw rate is the fast core's while the lint runs on both.
# The rounds start once the lint's rate has settled (warm-up lints printed; the first is a one-off lint in a new process).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/LintThroughput -c Release --verbosity quiet
bench=bench/LintThroughput/bin/Release/net10.0/YbMigrate.Bench.dll
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(dotnet --version), libpg_query $(dpkg-query -W -f='${Version}' libpg-query-dev)"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$bench" "${1:-100000}" "${2:-3}"
for n in 25000 50000 100000 200000; do
  printf '%s statements (load %s): ' "$n" "$(cut -d' ' -f1 /proc/loadavg)"
  dotnet "$bench" "$n" 1 | grep -E 'peak working set|^memory.*: (the|after)'
done
