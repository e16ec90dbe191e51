#!/usr/bin/env bash
# Data import benchmark (issue 5): `dotnet yb-migrate import` against psql's \copy (one stream, and two
# streams on the two halves of the file) and pgloader, on the same PostgreSQL, the same CSV, in the
# same run, into a fresh table with its primary key and without; ours also with --copy-format csv (no
# binary COPY) and with batches ten times the default beside the default. Two reference loads say where
# the time goes: the same rows as binary COPY (the bytes our import sends) loaded by psql in one
# transaction per stream, and in the 20,000-row transactions our default makes.
#
#   bench/run-import-bench.sh [rows] [rounds]      (default 2000000 rows, 3 rounds)
#
# The cluster keeps PostgreSQL's default durability (scripts/pg-cluster.sh with YB_MIGRATE_PG_DURABLE=1,
# port YB_MIGRATE_BENCH_PORT, default 54352). The rows come from bench/data/bench-table.sql; the CSV is
# written with psql \copy (COPY CSV form), its halves split on key ranges (so on record boundaries: the
# text has quoted newlines), and the data manifest is written here. Every load starts on a new table
# after a CHECKPOINT; the configurations take turns in each round, so a busy machine slows them alike.
# Peak RSS of our import is measured at rows/10 and at rows (the table grown 10x).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-2000000}
rounds=${2:-3}
port=${YB_MIGRATE_BENCH_PORT:-54352}
work=${YB_MIGRATE_BENCH_DIR:-/tmp/yb-migrate-import-bench}
export YB_MIGRATE_PG_DURABLE=1 YB_MIGRATE_PG_PORT=$port DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PGOPTIONS="-c client_min_messages=warning"

# The manifest's checksum is XXH128 as xxh128sum prints it (Debian's xxhash), as `export` writes it.
if ! command -v xxh128sum >/dev/null; then
  echo "bench: installing xxhash (xxh128sum) with apt-get" >&2
  sudo_cmd=$([ "$(id -u)" -eq 0 ] || echo sudo)
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq xxhash >/dev/null
fi

scripts/pg-cluster.sh start
db_user=$(scripts/pg-cluster.sh env | sed 's/.*Username=\([^;]*\);.*/\1/')
server="host=127.0.0.1 port=$port user=$db_user"
source_db="$server dbname=bench_source"
target_db="$server dbname=bench_target"
sql() { psql "$1" -X -q -v ON_ERROR_STOP=1 -At -c "$2"; }
for db in bench_source bench_target; do
  [ "$(sql "$server dbname=postgres" "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 1 ] || sql "$server dbname=postgres" "CREATE DATABASE $db"
done

# The source table, made again only when it does not have the rows asked for.
if [ "$(sql "$source_db" "SELECT CASE WHEN to_regclass('bench_rows') IS NULL THEN -1 ELSE (SELECT count(*) FROM bench_rows) END")" != "$rows" ]; then
  echo "bench: generating $rows rows" >&2
  psql "$source_db" -X -q -v rows="$rows" -f bench/data/bench-table.sql
  rm -rf "$work"
fi

# export_csv DIR ROWS: DIR/data/public.bench_rows.csv (ids 1..ROWS) and its manifest, as `export` writes them.
export_csv() {
  local dir=$1 count=$2 file=$1/data/public.bench_rows.csv
  grep -qs '"checksum": "xxh128:' "$dir/data/manifest.json" && return
  mkdir -p "$dir/data"
  sql "$source_db" "\\copy (SELECT * FROM bench_rows WHERE id <= $count ORDER BY id) TO '$file' WITH (FORMAT csv)"
  local bytes checksum
  bytes=$(stat -c %s "$file")
  checksum=$(xxh128sum "$file" | cut -d' ' -f1)
  cat > "$dir/data/manifest.json" <<EOF
{
  "format": 2, "sourceKind": "postgresql", "source": "bench_source", "sourceVersion": "15",
  "startedAt": "$(date -u +%FT%TZ)", "finishedAt": "$(date -u +%FT%TZ)",
  "tables": [ { "schema": "public", "name": "bench_rows",
    "columns": ["id", "quantity", "created_at", "note", "amount", "attributes"], "primaryKey": ["id"],
    "rowCount": $count, "bytes": $bytes,
    "files": [ { "path": "public.bench_rows.csv", "rows": $count, "bytes": $bytes, "checksum": "xxh128:$checksum" } ] } ]
}
EOF
}
export_csv "$work/full" "$rows"
export_csv "$work/tenth" $((rows / 10))
csv=$work/full/data/public.bench_rows.csv
if [ ! -f "$work/half2.csv" ]; then
  sql "$source_db" "\\copy (SELECT * FROM bench_rows WHERE id <= $((rows / 2)) ORDER BY id) TO '$work/half1.csv' WITH (FORMAT csv)"
  sql "$source_db" "\\copy (SELECT * FROM bench_rows WHERE id > $((rows / 2)) ORDER BY id) TO '$work/half2.csv' WITH (FORMAT csv)"
fi

# Reference loads that say where the time goes (the rows as binary COPY, as PostgreSQL writes them: the
# same bytes our import converts the CSV into): the two halves, one transaction each; and the rows in
# transactions of 20,000 (our default batch), the even ones on one stream and the odd ones on the other
# as our streams take them, each COPY in its own transaction without waiting for the WAL flush (as ours).
batch=20000
if [ ! -f "$work/binary/complete" ]; then # written last: a run stopped while writing them starts over
  rm -rf "$work/binary"
  mkdir -p "$work/binary/batches"
  sql "$source_db" "\\copy (SELECT * FROM bench_rows WHERE id <= $((rows / 2)) ORDER BY id) TO '$work/binary/half1.bin' WITH (FORMAT binary)"
  sql "$source_db" "\\copy (SELECT * FROM bench_rows WHERE id > $((rows / 2)) ORDER BY id) TO '$work/binary/half2.bin' WITH (FORMAT binary)"
  for stream in 0 1; do echo "SET synchronous_commit = off;" > "$work/binary/stream$stream.sql"; done
  for first in $(seq 1 "$batch" "$rows"); do
    file=$work/binary/batches/$first.bin
    echo "\\copy (SELECT * FROM bench_rows WHERE id BETWEEN $first AND $((first + batch - 1)) ORDER BY id) TO '$file' WITH (FORMAT binary)"
    echo "\\copy bench_rows FROM '$file' WITH (FORMAT binary)" >> "$work/binary/stream$(((first / batch) % 2)).sql"
  done | psql "$source_db" -X -q -v ON_ERROR_STOP=1
  touch "$work/binary/complete"
fi

cli_dll=$(bench/publish-tool.sh /tmp/yb-migrate-bench-tool)
columns="id bigint, quantity integer NOT NULL, created_at timestamptz NOT NULL, note text, amount numeric(14, 2), attributes jsonb"

# fresh_table pk|nopk: a new empty target table (and no ledger), then a checkpoint, so every load starts alike.
fresh_table() {
  local key=""
  [ "$1" = pk ] && key=", PRIMARY KEY (id)"
  sql "$target_db" "DROP TABLE IF EXISTS bench_rows; DROP SCHEMA IF EXISTS yb_migrate CASCADE; CREATE TABLE bench_rows ($columns$key)"
  sql "$target_db" "CHECKPOINT"
}

psql_copy() { sql "$target_db" "\\copy bench_rows FROM '$1' WITH (FORMAT csv)"; }
psql_1() { psql_copy "$csv"; }
psql_2() { psql_copy "$work/half1.csv" & psql_copy "$work/half2.csv"; wait; }
psql_binary() { sql "$target_db" "\\copy bench_rows FROM '$1' WITH (FORMAT binary)"; }
psql_binary_2() { psql_binary "$work/binary/half1.bin" & psql_binary "$work/binary/half2.bin"; wait; }
psql_script() { psql "$target_db" -X -q -v ON_ERROR_STOP=1 -f "$1"; }
psql_binary_batches() { psql_script "$work/binary/stream0.sql" & psql_script "$work/binary/stream1.sql"; wait; }
ours() { dotnet "$cli_dll" import --target "Host=127.0.0.1;Port=$port;Username=$db_user;Database=bench_target" --in "$work/full" "$@" >/dev/null; }
ours_1() { ours --parallel 1; }
ours_2() { ours --parallel 2; }
ours_3() { ours --parallel 3; }
ours_default() { ours; }
ours_csv() { ours --copy-format csv; }
ours_large_batches() { ours --batch-rows $((batch * 10)); }
pgloader_load() {
  cat > "$work/load.pgl" <<EOF
LOAD CSV FROM '$csv' (id, quantity, created_at, note, amount, attributes)
  INTO postgresql://$db_user@127.0.0.1:$port/bench_target?bench_rows (id, quantity, created_at, note, amount, attributes)
  WITH fields optionally enclosed by '"', fields escaped by double-quote, fields terminated by ',';
EOF
  pgloader --quiet "$work/load.pgl" >"$work/pgloader.log" 2>&1
}

# CPU seconds of the cluster: its postmaster's reaped children (the backends that served the load
# and exited) and the processes still running (WAL writer, checkpointer...). With the client's own
# CPU time this says what a load costs whatever else the machine is doing.
ticks=$(getconf CLK_TCK)
server_cpu() {
  local postmaster total
  postmaster=$(head -1 "/tmp/yb-migrate-pg-$port/data/postmaster.pid")
  total=$(awk '{ print $16 + $17 }' "/proc/$postmaster/stat")
  for child in $(pgrep -P "$postmaster"); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# The loads run in a shell of their own, under /usr/bin/time (which counts the psql processes too).
export csv work target_db port db_user cli_dll batch
export -f sql psql_copy psql_1 psql_2 psql_binary psql_binary_2 psql_script psql_binary_batches ours ours_1 ours_2 ours_3 ours_default ours_csv ours_large_batches pgloader_load

results=$work/results.tsv
: > "$results"
: > "$work/rss.txt"
# run NAME pk|nopk COMMAND: one timed load; a line "name<TAB>key<TAB>seconds<TAB>load average<TAB>server CPU s<TAB>client CPU s".
run() {
  local name=$1 key=$2 start end before after
  shift 2
  fresh_table "$key"
  before=$(server_cpu)
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$work/client-cpu" bash -c "$1"
  end=$(date +%s.%N)
  sleep 0.2 # the load's backends exit and are reaped
  after=$(server_cpu)
  [ "$(sql "$target_db" "SELECT count(*) FROM bench_rows")" = "$rows" ] || { echo "bench: $name loaded a wrong row count" >&2; exit 1; }
  printf '%s\t%s\t%.2f\t%s\t%.2f\t%.2f\n' "$name" "$key" "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1 /proc/loadavg)" \
    "$(echo "($after - $before) / $ticks" | bc -l)" "$(awk '{ print $1 + $2 }' "$work/client-cpu")" | tee -a "$results"
}

for round in $(seq "$rounds"); do
  echo "bench: round $round of $rounds" >&2
  for key in nopk pk; do
    run "psql \\copy, 1 stream" "$key" psql_1
    run "psql \\copy, 2 streams" "$key" psql_2
    run "yb-migrate import --parallel 1" "$key" ours_1
    run "yb-migrate import --parallel 2" "$key" ours_2
    run "yb-migrate import --parallel 3" "$key" ours_3
    run "yb-migrate import (default)" "$key" ours_default
    run "yb-migrate import --copy-format csv" "$key" ours_csv
    run "yb-migrate import --batch-rows $((batch * 10))" "$key" ours_large_batches
    run "reference: psql \\copy binary, 2 streams" "$key" psql_binary_2
    run "reference: psql \\copy binary, 2 streams of $batch-row transactions" "$key" psql_binary_batches
  done
done
if [ "${YB_MIGRATE_BENCH_PGLOADER:-1}" = 1 ] && command -v pgloader >/dev/null; then
  run "pgloader" pk pgloader_load
else
  echo "bench: pgloader not installed (apt-get install pgloader): skipped" >&2
fi

# Peak RSS of our import at rows/10 and rows; with YB_MIGRATE_BENCH_RSS_10X=1 also at 10 x rows (the
# CSV repeated ten times: 10 x the bytes, into a table without key since the ids repeat).
sizes="tenth full"
if [ "${YB_MIGRATE_BENCH_RSS_10X:-0}" = 1 ]; then
  sizes="$sizes ten"
  if ! grep -qs '"checksum": "xxh128:' "$work/ten/data/manifest.json"; then
    mkdir -p "$work/ten/data"
    for _ in $(seq 10); do cat "$csv"; done > "$work/ten/data/public.bench_rows.csv"
    sed -e "s/\"rowCount\": $rows/\"rowCount\": $((rows * 10))/" -e "s/\"rows\": $rows/\"rows\": $((rows * 10))/" \
      -e "s/\"bytes\": [0-9]*/\"bytes\": $(stat -c %s "$work/ten/data/public.bench_rows.csv")/g" \
      -e "s/\"checksum\": \"xxh128:[0-9a-f]*\"/\"checksum\": \"xxh128:$(xxh128sum "$work/ten/data/public.bench_rows.csv" | cut -d' ' -f1)\"/" \
      "$work/full/data/manifest.json" > "$work/ten/data/manifest.json"
  fi
fi
for size in $sizes; do
  if [ "$size" = ten ]; then fresh_table nopk; else fresh_table pk; fi
  /usr/bin/time -f "%M %e" -o "$work/rss-$size" dotnet "$cli_dll" import --target "Host=127.0.0.1;Port=$port;Username=$db_user;Database=bench_target" --in "$work/$size" >/dev/null
  echo "peak RSS, $size ($(grep -o '"rowCount": [0-9]*' "$work/$size/data/manifest.json" | grep -o '[0-9]*') rows): $(( $(cut -d' ' -f1 "$work/rss-$size") / 1024 )) MB, $(cut -d' ' -f2 "$work/rss-$size") s" | tee -a "$work/rss.txt"
done

echo
echo "| loader | key | wall s, median | wall s, best | server CPU s, median | client CPU s, median | runs | load avg at the runs |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
cut -f1,2 "$results" | sort -u | while IFS=$'\t' read -r name key; do
  column() { awk -F'\t' -v n="$name" -v k="$key" -v c="$1" '$1 == n && $2 == k { print $c }' "$results"; }
  printf '| %s | %s | %.2f | %.2f | %.2f | %.2f | %d | %s |\n' "$name" "$([ "$key" = pk ] && echo "primary key" || echo none)" \
    "$(column 3 | median)" "$(column 3 | sort -n | head -1)" "$(column 5 | median)" "$(column 6 | median)" "$(column 3 | wc -l)" "$(column 4 | paste -sd' ')"
done
cat "$work/rss.txt"
