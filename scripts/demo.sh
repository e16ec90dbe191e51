#!/usr/bin/env bash
# The demo: packs the YbMigrate tool, installs it as a local dotnet tool, lints the sample SQL of
# samples/ with `dotnet yb-migrate lint`, then loads the Chinook sample database into a throwaway
# local PostgreSQL and migrates it into a second local database: schema export -> schema import ->
# export (data to CSV) -> import (parallel COPY) -> finalize, then a verify that must pass.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

packages=artifacts/packages
rm -rf "$packages" artifacts/sample-packages
dotnet pack YbMigrationAnalyzers.sln -c Release -o "$packages" --verbosity quiet
# A local tool manifest (not committed: the package comes from artifacts/, not from a feed).
[ -f dotnet-tools.json ] || [ -f .config/dotnet-tools.json ] || dotnet new tool-manifest >/dev/null
dotnet tool uninstall YbMigrate >/dev/null 2>&1 || true
# The version does not change between packs: drop the copy NuGet cached from an earlier pack.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/ybmigrate "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/ybmigrate.*
dotnet tool install YbMigrate --add-source "$packages" --version "$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)" >/dev/null

echo "== dotnet yb-migrate lint samples/sql (target: default, the newest stable YugabyteDB)"
set +e
dotnet yb-migrate lint samples/sql
status=$?
echo "== the sample application: dotnet build with the YbMigrationAnalyzers package (target 2024.2, set in ShopApp.csproj)"
dotnet build samples/ShopApp --nologo --no-incremental 2>&1 | grep -E '(error|warning) YB' | sed 's| \[[^]]*\]$||; s|^.*/samples/|samples/|' | sort -u
echo "== dotnet yb-migrate analyze samples/ShopApp (the whole project through MSBuildWorkspace; EF Core model and migrations included)"
dotnet yb-migrate analyze samples/ShopApp/ShopApp.csproj --target-version 2024.2 | tail -n 1
echo "== the same for an older cluster (2.20): more constructs are unsupported there"
dotnet yb-migrate lint samples/sql --target-version 2.20 --format json > artifacts/lint-2.20.json
echo "   $(grep -c '"ruleId"' artifacts/lint-2.20.json) finding(s) for 2.20, written to artifacts/lint-2.20.json"
set -e
echo "== lint exit code: $status (1 = findings at or above --fail-on, as expected for the sample)"

echo "== a throwaway PostgreSQL 15 on 127.0.0.1, with the Chinook sample database as the source"
./scripts/pg-cluster.sh stop >/dev/null 2>&1 || true
trap './scripts/pg-cluster.sh stop >/dev/null 2>&1 || true' EXIT
./scripts/pg-cluster.sh start
eval "$(./scripts/pg-cluster.sh env)"
chinook=../shared/fixtures/chinook/Chinook_PostgreSql.sql
run_psql() { local db=$1; shift; psql "postgresql://ybmigrate@127.0.0.1:${YB_MIGRATE_PG_PORT:-54329}/$db" -v ON_ERROR_STOP=1 -q "$@"; }
run_psql postgres -c "CREATE DATABASE chinook_source"
# The script creates its own database and connects to it with \c: load it from its first CREATE TABLE on.
sed -n '/^CREATE TABLE/,$p' "$chinook" | run_psql chinook_source >/dev/null
echo "   loaded $(run_psql chinook_source -tAc 'SELECT count(*) FROM track') tracks"

echo "== dotnet yb-migrate schema export (source from YB_MIGRATE_SOURCE: no password on the command line)"
export YB_MIGRATE_SOURCE="Host=127.0.0.1;Port=${YB_MIGRATE_PG_PORT:-54329};Username=ybmigrate;Database=chinook_source"
rm -rf artifacts/chinook-export
dotnet yb-migrate schema export --out artifacts/chinook-export
find artifacts/chinook-export/schema -name '*.sql' | sort
echo "== the conversion report"
cat artifacts/chinook-export/schema/report.txt

echo "== dotnet yb-migrate schema import into a second local database (the stand-in target)"
run_psql postgres -c "CREATE DATABASE chinook_target"
export YB_MIGRATE_TARGET="Host=127.0.0.1;Port=${YB_MIGRATE_PG_PORT:-54329};Username=ybmigrate;Database=chinook_target"
dotnet yb-migrate schema import --in artifacts/chinook-export | tail -3
echo "== dotnet yb-migrate export: every table to CSV from one snapshot, in parallel"
dotnet yb-migrate export --out artifacts/chinook-export | tail -4
echo "== dotnet yb-migrate import: parallel COPY in batches recorded on the target"
dotnet yb-migrate import --in artifacts/chinook-export | tail -14
dotnet yb-migrate import status --in artifacts/chinook-export | tail -3
echo "== dotnet yb-migrate finalize: the indexes, keys and triggers left out to speed up the load"
dotnet yb-migrate finalize --in artifacts/chinook-export | tail -3
echo "   target now has $(run_psql chinook_target -tAc "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'") indexes and $(run_psql chinook_target -tAc "SELECT count(*) FROM pg_constraint WHERE contype = 'f'") foreign keys"
echo "   tracks: $(run_psql chinook_source -tAc 'SELECT count(*) FROM track') in the source, $(run_psql chinook_target -tAc 'SELECT count(*) FROM track') in the target"
echo "== dotnet yb-migrate verify: catalogs and every row compared (checksums on the servers); must pass"
dotnet yb-migrate verify --in artifacts/chinook-export --format html --out artifacts/chinook-verify.html
dotnet yb-migrate verify --in artifacts/chinook-export | tail -12
