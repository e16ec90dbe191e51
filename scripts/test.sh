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

# The packages: `dotnet pack` of the solution makes both YbMigrate (the tool) and YbMigrationAnalyzers.
smoke_status=0
packages=artifacts/packages
rm -rf "$packages" artifacts/sample-packages
dotnet pack YbMigrationAnalyzers.sln -c Release -o "$packages" --verbosity quiet
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
smoke() { # name, command succeeded (0/1)
  if [ "$2" -eq 0 ]; then echo "$1: passed"; passed=$((passed + 1)); else echo "$1: FAILED"; failed=$((failed + 1)); smoke_status=1; fi
}

# The tool: installed from the package into a temporary tool path, run on the samples; on this
# machine the install must pick the linux-x64 (ReadyToRun) package. The version does not change
# between packs: drop the copies NuGet cached from an earlier pack first.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/ybmigrate "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/ybmigrate.*
tool_dir=$(mktemp -d)
trap './scripts/pg-cluster.sh stop || true; rm -rf "$tool_dir"' EXIT
set +e
dotnet tool install YbMigrate --tool-path "$tool_dir" --add-source "$packages" --version "$version" >/dev/null \
  && "$tool_dir/dotnet-yb-migrate" lint samples/sql --format json > "$results/tool-lint.json"
lint_status=$?
set -e
if [ "$lint_status" -eq 1 ] && grep -q '"ruleId"' "$results/tool-lint.json" && [ -d "$tool_dir/.store/ybmigrate/$version/ybmigrate.linux-x64" ]; then ok=0; else ok=1; fi
smoke "tool smoke test (packed dotnet-yb-migrate installs its linux-x64 ReadyToRun package and lints samples/sql, exit 1 with findings)" $ok

# The analyzer in real builds: samples/ShopApp references YbMigrationAnalyzers from the packages
# just made; the compiler must report the SQL findings at their place in the C# source and .sql
# files, with the compiler server and without it.
shop_build() { # log name, extra arguments
  set +e
  dotnet build samples/ShopApp --nologo "${@:2}" > "$results/$1" 2>&1
  set -e
}
shop_findings() { # log name
  grep -q 'OrderStore.cs(19,68): error YB3002' "$results/$1" \
    && grep -q 'reports.sql(2,21): error YB3005' "$results/$1" \
    && grep -q 'ShopContext.cs(30,70): error YB1003' "$results/$1" \
    && grep -q 'Initial.cs(12,47): error YB1003' "$results/$1" \
    && ! grep -q 'AD0001' "$results/$1"
}
for server in true false; do
  shop_build "shopapp-build-server-$server.log" --no-incremental -p:UseSharedCompilation=$server
  if shop_findings "shopapp-build-server-$server.log"; then ok=0; else ok=1; fi
  smoke "analyzer smoke test (packed YbMigrationAnalyzers in dotnet build of samples/ShopApp, UseSharedCompilation=$server)" $ok
done

# Without libpg_query the analyzer reports it once, saying how to install it, and never fails the compiler.
YB_MIGRATE_LIBPG_QUERY=/nonexistent/libpg_query.so shop_build shopapp-build-no-parser.log --no-incremental -p:UseSharedCompilation=false -nodeReuse:false
if grep -q 'apt-get install libpg-query-dev' "$results/shopapp-build-no-parser.log" \
   && [ "$(grep -E '(warning|error) YB0004' "$results/shopapp-build-no-parser.log" | sed 's/ \[.*//' | sort -u | wc -l)" -eq 1 ] \
   && ! grep -q 'AD0001' "$results/shopapp-build-no-parser.log"; then ok=0; else ok=1; fi
smoke "analyzer without libpg_query (one YB0004 with the install hint, no AD0001)" $ok

# dotnet yb-migrate analyze on the sample application, through MSBuildWorkspace.
set +e
"$tool_dir/dotnet-yb-migrate" analyze samples/ShopApp/ShopApp.csproj --format json > "$results/tool-analyze.json" 2> "$results/tool-analyze.err"
analyze_status=$?
set -e
if [ "$analyze_status" -eq 1 ] && grep -q '"ruleId": "YB3014"' "$results/tool-analyze.json" && grep -q '"ruleId": "YB1030"' "$results/tool-analyze.json"; then ok=0; else ok=1; fi
smoke "tool analyze smoke test (dotnet-yb-migrate analyze samples/ShopApp finds the embedded SQL findings)" $ok

echo "${passed} passed, ${failed} failed"
[ "$test_status" -eq 0 ] && [ "$smoke_status" -eq 0 ]
