#!/usr/bin/env bash
# The demo: packs the YbMigrate tool, installs it as a local dotnet tool, and lints the sample SQL
# of samples/ with `dotnet yb-migrate lint`.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

packages=artifacts/packages
rm -rf "$packages"
dotnet pack YbMigrationAnalyzers.sln -c Release -o "$packages" --verbosity quiet
[ -f .config/dotnet-tools.json ] || dotnet new tool-manifest >/dev/null
dotnet tool uninstall YbMigrate >/dev/null 2>&1 || true
dotnet tool install YbMigrate --add-source "$packages" --version "$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)" >/dev/null

echo "== dotnet yb-migrate lint samples/sql (target: default, the newest stable YugabyteDB)"
set +e
dotnet yb-migrate lint samples/sql
status=$?
echo "== the same for an older cluster (2.20): more constructs are unsupported there"
dotnet yb-migrate lint samples/sql --target-version 2.20 --format json > artifacts/lint-2.20.json
echo "   $(grep -c '"ruleId"' artifacts/lint-2.20.json) finding(s) for 2.20, written to artifacts/lint-2.20.json"
set -e
echo "== lint exit code: $status (1 = findings at or above --fail-on, as expected for the sample)"
