#!/usr/bin/env bash
# Data export throughput (issue 5): `dotnet yb-migrate export` against psql's \copy on the same table,
# on a durable PostgreSQL (YB_MIGRATE_PG_DURABLE=1: fsync and full_page_writes on, as in production).
# Usage: bench/run-export-bench.sh [rows] [rounds]   (default 2000000 rows, about 545 MB of CSV; 3 rounds)
# Per round, in turn: psql \copy of the whole table (one stream), psql \copy in 2 streams split by id
# range (in parallel), our export with --parallel 1 and with --parallel 2 (its peak RSS from
# /usr/bin/time -v), both with --rows-per-file rows/2, so it makes 2 files as psql's 2 streams do (at 2M
# rows that is the default, 1,000,000). Every variant writes the same COPY CSV: the byte totals are
# checked equal. Our times are the whole process's, .NET start-up included.
# The cluster runs on its own port (YB_MIGRATE_BENCH_PG_PORT, default 54351) and is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-2000000}
rounds=${2:-3}
export YB_MIGRATE_PG_PORT=${YB_MIGRATE_BENCH_PG_PORT:-54351} YB_MIGRATE_PG_DURABLE=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
./scripts/setup.sh >/dev/null
tool="dotnet $(bench/publish-tool.sh /tmp/yb-migrate-bench-tool)"

./scripts/pg-cluster.sh stop >/dev/null 2>&1 || true
work=$(mktemp -d /tmp/yb-export-bench.XXXXXX)
trap './scripts/pg-cluster.sh stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
./scripts/pg-cluster.sh start
export PGHOST=127.0.0.1 PGPORT=$YB_MIGRATE_PG_PORT PGUSER=$( [ "$(id -u)" -eq 0 ] && echo "${YB_MIGRATE_PG_USER:-ybmigrate}" || id -un )
createdb bench
source_conn="Host=127.0.0.1;Port=$PGPORT;Username=$PGUSER;Database=bench"
echo "loading $rows rows (bench/data/bench-table.sql)"
psql -q -d bench -v rows="$rows" -f bench/data/bench-table.sql
psql -q -d bench -c "CHECKPOINT"
half=$((rows / 2))

now() { date +%s.%N; }
report() { # name, seconds, bytes
  awk -v n="$1" -v s="$2" -v b="$3" 'BEGIN { printf "%-34s %8.2f s %9.1f MB/s\n", n, s, b / 1048576 / s }'
}
size() { du -cb "$@" | tail -1 | cut -f1; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(dotnet --version), $(psql --version)"
echo "table: $(psql -Atc "SELECT pg_size_pretty(pg_table_size('bench_rows'))" bench) on disk"
for round in $(seq 1 "$rounds"); do
  echo "-- round $round, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -rf "$work"/*

  start=$(now)
  psql -q -d bench -c "\\copy (SELECT * FROM bench_rows) TO '$work/single.csv' WITH (FORMAT csv)"
  end=$(now)
  expected=$(size "$work/single.csv")
  report "psql \\copy, 1 stream" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$expected"
  rm -f "$work/single.csv"

  start=$(now)
  psql -q -d bench -c "\\copy (SELECT * FROM bench_rows WHERE id <= $half) TO '$work/half1.csv' WITH (FORMAT csv)" &
  psql -q -d bench -c "\\copy (SELECT * FROM bench_rows WHERE id > $half) TO '$work/half2.csv' WITH (FORMAT csv)" &
  wait
  end=$(now)
  [ "$(size "$work"/half*.csv)" -eq "$expected" ] || { echo "psql 2 streams: $(size "$work"/half*.csv) bytes, expected $expected" >&2; exit 1; }
  report "psql \\copy, 2 streams by id range" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$expected"
  rm -f "$work"/half*.csv

  for parallel in 1 2; do
    rm -rf "$work/out"
    /usr/bin/time -v -o "$work/time.txt" $tool export --source "$source_conn" --out "$work/out" --parallel "$parallel" --rows-per-file "$((rows - half))" > "$work/export.log"
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.txt")
    [ "$(size "$work"/out/data/*.csv)" -eq "$expected" ] || { echo "export --parallel $parallel: $(size "$work"/out/data/*.csv) bytes, expected $expected" >&2; exit 1; }
    report "yb-migrate export --parallel $parallel" "$seconds" "$expected"
    echo "    peak RSS ${rss} MB; $(tail -1 "$work/export.log" | sed 's/ from .* into / into /')"
  done
done
