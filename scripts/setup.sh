#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: libpg_query (the PostgreSQL parser
# the linter binds to), PostgreSQL 15 (the throwaway cluster of scripts/pg-cluster.sh that the
# migration tests run against), libpq5 (the data export's readers), libxxhash0 (data file checksums) and the NuGet packages. Safe to run again: it skips what is present.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(libpg-query-dev postgresql-15 libpq5 libxxhash0)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} with apt-get"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore YbMigrationAnalyzers.sln --verbosity quiet
