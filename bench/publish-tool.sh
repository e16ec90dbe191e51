#!/usr/bin/env bash
# Publishes the tool as its linux-x64 package ships it (ReadyToRun, framework-dependent) into DIR and
# prints the path of its entry assembly, so the data benchmarks time what `dotnet tool install` gives.
#   cli="dotnet $(bench/publish-tool.sh DIR)"
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: bench/publish-tool.sh DIR}
dotnet publish src/Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$dir" --verbosity quiet -nologo >/dev/null
echo "$dir/dotnet-yb-migrate.dll"
