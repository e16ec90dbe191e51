#!/usr/bin/env bash
# Runs every test: installs what is needed, builds, runs the xunit suites on the real libpg_query,
# then checks that the packed tool installs and runs. Ends with one line 'N passed, N failed'.
# The migration tests need a real PostgreSQL: a fresh throwaway cluster (scripts/pg-cluster.sh)
# is started here, its connection string exported as YB_MIGRATE_TEST_PG, and removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Always a fresh cluster: nothing a previous run or session left behind is relied on.
./scripts/pg-cluster.sh stop >/dev/null 2>&1 || true
trap './scripts/pg-cluster.sh stop || true' EXIT
./scripts/pg-cluster.sh start
eval "$(./scripts/pg-cluster.sh env)"

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
set +e
dotnet test YbMigrationAnalyzers.sln -c Release --logger "trx" --results-directory "$results" 2>&1 | tee "$results/dotnet-test.log"
test_status=${PIPESTATUS[0]}
set -e

# Totals from the TRX files (the <Counters> element of each test project's run).
count() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(count passed)
failed=$(count failed)

# The packed tool: dotnet pack, install into a temporary tool path, run it on the samples.
smoke_status=0
tool_dir=$(mktemp -d)
if dotnet pack YbMigrationAnalyzers.sln -c Release -o "$tool_dir/packages" --verbosity quiet \
   && dotnet tool install YbMigrate --tool-path "$tool_dir/bin" --add-source "$tool_dir/packages" --version "$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)" >/dev/null; then
  set +e
  "$tool_dir/bin/dotnet-yb-migrate" lint samples/sql --format json > "$tool_dir/lint.json"
  lint_status=$?
  set -e
  if [ "$lint_status" -eq 1 ] && grep -q '"ruleId"' "$tool_dir/lint.json"; then
    echo "tool smoke test: packed dotnet-yb-migrate installed and linted samples/sql (exit 1 with findings)"
    passed=$((passed + 1))
  else
    echo "tool smoke test FAILED: exit $lint_status"; failed=$((failed + 1)); smoke_status=1
  fi
else
  echo "tool smoke test FAILED: pack or install"; failed=$((failed + 1)); smoke_status=1
fi
rm -rf "$tool_dir"

echo "${passed} passed, ${failed} failed"
[ "$test_status" -eq 0 ] && [ "$smoke_status" -eq 0 ]
