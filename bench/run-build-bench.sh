#!/usr/bin/env bash
# Analyzer build overhead (issue 3 item 7): `dotnet build` of a generated data-access project with
# and without the YbMigrationAnalyzers package, in the same run, on the same sources.
# Usage: bench/run-build-bench.sh [files] [literals-per-file] [rounds]   (default 300 x 10, 3 rounds)
#
# - Packs the solution into artifacts/packages (as scripts/test.sh does), drops the cached
#   YbMigrationAnalyzers package from the NuGet global folder and from the benchmark's own restore
#   folder (artifacts/build-bench/packages), so the fresh pack is the one measured.
# - Generates artifacts/build-bench/src: N files of data-access classes (Dapper calls, NpgsqlCommand,
#   NpgsqlDataSource.CreateCommand, CommandText assignments, const raw strings, constant
#   interpolation, concatenation). About 4% of the SQL literals hit a rule; the rest are fine.
# - Two projects compile the same sources: with/ (PackageReference YbMigrationAnalyzers) and
#   without/. The YB rules are made warnings through .editorconfig and warnings are not errors,
#   so the error-severity findings do not stop the build.
# - Restores both and builds each once untimed (warm-up), then per round times
#   `dotnet build --no-restore --no-incremental -p:UseSharedCompilation=false -nodeReuse:false`
#   alternately with and without (the order swaps every round). --no-incremental: full rebuild;
#   UseSharedCompilation=false and -nodeReuse:false: no compiler server and no MSBuild node keeps
#   state (loaded analyzer, JIT-compiled code, caches) from one build to the next.
# Prints every round, the medians, the added percentage and the YB diagnostics of the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-300}
per_file=${2:-10}
rounds=${3:-3}
./scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
repo=$(pwd)

# --- the package, freshly packed ---------------------------------------------------------------
packages=artifacts/packages
rm -rf "$packages"
dotnet pack YbMigrationAnalyzers.sln -c Release -o "$packages" --verbosity quiet
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/ybmigrationanalyzers"

# --- the generated projects ---------------------------------------------------------------------
root=artifacts/build-bench
rm -rf "$root/src" "$root/with" "$root/without" "$root/packages/ybmigrationanalyzers"
mkdir -p "$root/src" "$root/with" "$root/without"

cat > "$root/Directory.Build.props" <<'EOF'
<Project>
  <!-- Stands apart from the repository's build, like samples/ShopApp. -->
  <PropertyGroup>
    <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RootNamespace>BenchApp</RootNamespace>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <YbMigrateTargetVersion>2024.2</YbMigrateTargetVersion>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$(MSBuildThisFileDirectory)src/**/*.cs" />
    <PackageReference Include="Npgsql" Version="10.0.3" />
    <PackageReference Include="Dapper" Version="2.1.66" />
  </ItemGroup>
</Project>
EOF
echo '<Project />' > "$root/Directory.Packages.props"
cat > "$root/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="yb-migrate-local" value="$repo/$packages" />
  </packageSources>
</configuration>
EOF
echo '<Project Sdk="Microsoft.NET.Sdk" />' > "$root/without/without.csproj"
cat > "$root/with/with.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="YbMigrationAnalyzers" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
EOF
{ # Every YB rule (and the analyzer's own YB0003/YB0004) as a warning: findings never fail the build.
  echo 'root = true'
  echo '[*.cs]'
  { grep -o '^## YB[0-9]*' rules.md | cut -c4-; echo YB0003; echo YB0004; } | sort -u |
    sed 's/.*/dotnet_diagnostic.&.severity = warning/'
} > "$root/.editorconfig"

# One SQL text per literal: distinct table names per file, 1 in 25 from the rule-hitting pool.
fine_sql() { # kind, file, literal
  local t="orders_$2" c="customer_$2" k=$3
  case $(( (k + $2) % 8 )) in
    0) echo "SELECT order_id, customer_id, total, status FROM $t WHERE customer_id = @customerId ORDER BY created_at DESC LIMIT 50" ;;
    1) echo "INSERT INTO $t (customer_id, total, status, created_at) VALUES (@customerId, @total, 'new', now()) RETURNING order_id" ;;
    2) echo "UPDATE $t SET status = @status, updated_at = now() WHERE order_id = @id AND status <> 'cancelled'" ;;
    3) echo "SELECT c.customer_id, c.email, count(o.order_id) AS orders FROM $c c LEFT JOIN $t o ON o.customer_id = c.customer_id WHERE c.created_at > @since GROUP BY c.customer_id, c.email" ;;
    4) echo "DELETE FROM $t WHERE status = 'cancelled' AND updated_at < now() - interval '30 days'" ;;
    5) echo "SELECT count(*) FROM $t WHERE status = @status" ;;
    6) echo "SELECT o.order_id, o.total, c.email FROM $t o JOIN $c c USING (customer_id) WHERE o.order_id = ANY(@ids)" ;;
    *) echo "INSERT INTO $c (email, name) VALUES (@email, @name) ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name" ;;
  esac
}
bad_sql() { # file, literal
  local t="orders_$1"
  case $(( ($1 + $2) % 3 )) in
    0) echo "SELECT xmin FROM $t WHERE order_id = @id" ;;
    1) echo "SELECT pg_advisory_xact_lock(@key)" ;;
    *) echo "SELECT customer_id FROM $t GROUP BY customer_id ORDER BY count(*) DESC FETCH FIRST 10 ROWS WITH TIES" ;;
  esac
}
bad=0
n=0
for ((f = 0; f < files; f++)); do
  {
    printf 'using Dapper;\nusing Npgsql;\n\nnamespace BenchApp.Data;\n\n'
    printf '/// <summary>Data access for orders shard %d.</summary>\n' "$f"
    printf 'public sealed class OrderStore%d(NpgsqlDataSource dataSource)\n{\n' "$f"
    printf '    private const string Table = "orders_%d";\n\n' "$f"
    for ((k = 0; k < per_file; k++)); do
      if (( n % 25 == 12 )); then sql=$(bad_sql "$f" "$k"); bad=$((bad + 1)); else sql=$(fine_sql 0 "$f" "$k"); fi
      n=$((n + 1))
      case $((k % 8)) in
        0) # Dapper with a regular literal
          printf '    public async Task<IEnumerable<long>> Query%dAsync(long customerId, long id, string status, long key)\n    {\n' "$k"
          printf '        await using var connection = await dataSource.OpenConnectionAsync();\n'
          printf '        return await connection.QueryAsync<long>("%s", new { customerId, id, status, key });\n    }\n\n' "$sql" ;;
        1) # NpgsqlCommand constructor with a verbatim literal
          printf '    public async Task<int> Execute%dAsync(NpgsqlConnection connection, long id)\n    {\n' "$k"
          printf '        await using var command = new NpgsqlCommand(@"%s", connection);\n' "$sql"
          printf '        command.Parameters.AddWithValue("id", id);\n        return await command.ExecuteNonQueryAsync();\n    }\n\n' ;;
        2) # const raw string literal, used by Dapper
          printf '    private const string Sql%d = """\n        %s\n        """;\n\n' "$k" "$sql"
          printf '    public async Task<int> Run%dAsync(long id, string status)\n    {\n' "$k"
          printf '        await using var connection = await dataSource.OpenConnectionAsync();\n'
          printf '        return await connection.ExecuteAsync(Sql%d, new { id, status });\n    }\n\n' "$k" ;;
        3) # NpgsqlDataSource.CreateCommand
          printf '    public async Task<object?> Scalar%dAsync(long id)\n    {\n' "$k"
          printf '        await using var command = dataSource.CreateCommand("%s");\n' "$sql"
          printf '        command.Parameters.AddWithValue("id", id);\n        return await command.ExecuteScalarAsync();\n    }\n\n' ;;
        4) # constant interpolation of the table name
          sql=${sql//orders_$f/\{Table\}}
          printf '    public async Task<long> Interpolated%dAsync(long id, string status)\n    {\n' "$k"
          printf '        await using var connection = await dataSource.OpenConnectionAsync();\n'
          printf '        return await connection.ExecuteScalarAsync<long>($"%s", new { id, status });\n    }\n\n' "$sql" ;;
        5) # CommandText assignment
          printf '    public async Task<int> Assign%dAsync(NpgsqlConnection connection)\n    {\n' "$k"
          printf '        await using var command = connection.CreateCommand();\n'
          printf '        command.CommandText = "%s";\n        return await command.ExecuteNonQueryAsync();\n    }\n\n' "$sql" ;;
        6) # Dapper with a multi-line raw string
          printf '    public async Task<dynamic?> First%dAsync(long id)\n    {\n' "$k"
          printf '        await using var connection = await dataSource.OpenConnectionAsync();\n'
          printf '        return await connection.QueryFirstOrDefaultAsync(\n            """\n            %s\n            """,\n            new { id });\n    }\n\n' "$sql" ;;
        *) # compile-time concatenation
          local_a=${sql% WHERE *}; local_b=${sql#"$local_a"}
          printf '    public Task<int> Concat%dAsync(NpgsqlConnection connection, object args) =>\n' "$k"
          printf '        connection.ExecuteAsync("%s"\n            + "%s", args);\n\n' "$local_a" "$local_b" ;;
      esac
    done
    printf '}\n'
  } > "$root/src/OrderStore$f.cs"
done
printf 'Console.WriteLine("build bench: %d files");\n' "$files" > "$root/src/Program.cs"
echo "generated: $files files x $per_file literals = $n SQL literals, $bad from the rule-hitting pool"

# --- restore (not timed), warm-up build (not timed), timed rounds ----------------------------------
dotnet restore "$root/with" --verbosity quiet
dotnet restore "$root/without" --verbosity quiet
build() { # project, log
  dotnet build "$root/$1" --no-restore --no-incremental -p:UseSharedCompilation=false -nodeReuse:false -tl:off -v:m > "$2" 2>&1 \
    || { echo "build of $1 failed:"; grep -E 'error' "$2" | sort -u | head -20; exit 1; }
}
logs=$root/logs
mkdir -p "$logs"
build with "$logs/warmup-with.log"
build without "$logs/warmup-without.log"
now() { date +%s%N; }
with_ms=()
without_ms=()
for ((r = 1; r <= rounds; r++)); do
  if (( r % 2 )); then order="with without"; else order="without with"; fi
  for p in $order; do
    start=$(now); build "$p" "$logs/$p-$r.log"; ms=$(( ($(now) - start) / 1000000 ))
    if [ "$p" = with ]; then with_ms+=("$ms"); else without_ms+=("$ms"); fi
  done
  echo "round $r: with ${with_ms[-1]} ms, without ${without_ms[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mw=$(median "${with_ms[@]}")
mo=$(median "${without_ms[@]}")
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(dotnet --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "median: with analyzer $mw ms, without $mo ms, added $(awk -v w="$mw" -v o="$mo" 'BEGIN { printf "%.1f", (w - o) * 100 / o }')%"
# Each diagnostic appears once per line in the -v:m output (plus once more in the summary): unique lines.
last=$logs/with-$rounds.log
yb=$(grep -E ': (warning|error) YB[0-9]{4}' "$last" | sort -u)
echo "YB diagnostics in the last build with the analyzer: $(printf '%s' "$yb" | grep -c . || true) ($(printf '%s\n' "$yb" | grep -oE 'YB[0-9]{4}' | sort | uniq -c | awk '{ printf "%s%s x%s", sep, $2, $1; sep = ", " }'))"
echo "AD0001 / YB0003 / YB0004 in that build: $(grep -cE 'AD0001|YB0003|YB0004' "$last" || true); YB diagnostics without the analyzer: $(grep -cE 'YB[0-9]{4}' "$logs/without-$rounds.log" || true)"
