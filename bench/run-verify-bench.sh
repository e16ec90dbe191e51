#!/usr/bin/env bash
# Verify benchmark (issue 6): `dotnet yb-migrate verify` on one table of [rows] rows (default 2,000,000,
# bench/data/bench-table.sql) copied to a second database, against a plain count(*) on both sides.
#
#   bench/run-verify-bench.sh [rows] [rounds]      (default 2000000 rows, 3 rounds)
#
# Both databases are on one durable cluster (scripts/pg-cluster.sh with YB_MIGRATE_PG_DURABLE=1, port
# YB_MIGRATE_BENCH_PORT, default 54354), so the two sides share the machine's cores as they would
# share nothing on two servers. Timed per round, warm cache: count(*) on the source then the target
# (psql), verify --data count, verify --data checksum on equal tables, then verify --data checksum
# with one row changed in the target (the search down to the row included). Median of the rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-2000000}
rounds=${2:-3}
port=${YB_MIGRATE_BENCH_PORT:-54354}
export YB_MIGRATE_PG_DURABLE=1 YB_MIGRATE_PG_PORT=$port DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PGOPTIONS="-c client_min_messages=warning"

scripts/pg-cluster.sh start >/dev/null
db_user=$(scripts/pg-cluster.sh env | sed 's/.*Username=\([^;]*\);.*/\1/')
server="host=127.0.0.1 port=$port user=$db_user"
sql() { psql "$1" -X -q -v ON_ERROR_STOP=1 -At -c "$2"; }
for db in verify_source verify_target; do
  [ "$(sql "$server dbname=postgres" "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 1 ] || sql "$server dbname=postgres" "CREATE DATABASE $db"
done
has_rows() { sql "$server dbname=$1" "SELECT count(*) FROM bench_rows" 2>/dev/null || echo -1; }
if [ "$(has_rows verify_source)" != "$rows" ]; then
  echo "bench: generating $rows rows" >&2
  psql "$server dbname=verify_source" -X -q -v rows="$rows" -f bench/data/bench-table.sql
fi
if [ "$(has_rows verify_target)" != "$rows" ]; then
  echo "bench: copying them to the target" >&2
  psql "$server dbname=verify_target" -X -q -v rows=0 -f bench/data/bench-table.sql
  psql "$server dbname=verify_source" -X -q -c "\\copy bench_rows TO STDOUT" | psql "$server dbname=verify_target" -X -q -c "\\copy bench_rows FROM STDIN"
  sql "$server dbname=verify_target" "ANALYZE bench_rows"
fi

cli="dotnet $(bench/publish-tool.sh /tmp/yb-migrate-bench-tool)"
source_cs="Host=127.0.0.1;Port=$port;Username=$db_user;Database=verify_source"
target_cs="Host=127.0.0.1;Port=$port;Username=$db_user;Database=verify_target"
seconds() { local start=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $start" | bc; }
verify() { $cli verify --source "$source_cs" --target "$target_cs" --tables bench_rows "$@"; }
changed() { set +e; verify --data checksum > /tmp/verify-bench-changed.txt; [ $? -eq 1 ]; local ok=$?; set -e; return $ok; }

declare -A times
for round in $(seq 1 "$rounds"); do
  times[count]+="$(seconds sh -c "psql '$server dbname=verify_source' -X -At -c 'SELECT count(*) FROM bench_rows'; psql '$server dbname=verify_target' -X -At -c 'SELECT count(*) FROM bench_rows'") "
  times[verify_count]+="$(seconds verify --data count) "
  times[verify_checksum]+="$(seconds verify --data checksum) "
  sql "$server dbname=verify_target" "UPDATE bench_rows SET quantity = quantity + 1 WHERE id = $((rows / 3))"
  times[verify_changed]+="$(seconds changed) "
  sql "$server dbname=verify_target" "UPDATE bench_rows SET quantity = quantity - 1 WHERE id = $((rows / 3))"
  echo "round $round done" >&2
done
grep -q "(id)=($((rows / 3))): changed" /tmp/verify-bench-changed.txt || { echo "bench: the changed row was not named" >&2; cat /tmp/verify-bench-changed.txt >&2; exit 1; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }'; }
echo "rows: $rows; rounds: $rounds; load: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
echo "| what | seconds (median of $rounds) | all rounds |"
echo "|---|---|---|"
echo "| psql count(*) on source, then on target | $(echo "${times[count]}" | median) | ${times[count]}|"
echo "| verify --data count (both sides at once) | $(echo "${times[verify_count]}" | median) | ${times[verify_count]}|"
echo "| verify --data checksum, tables equal | $(echo "${times[verify_checksum]}" | median) | ${times[verify_checksum]}|"
echo "| verify --data checksum, one row changed (found and named) | $(echo "${times[verify_changed]}" | median) | ${times[verify_changed]}|"
grep -E "bench_rows|row\(s\) differ|ranges" /tmp/verify-bench-changed.txt | sed 's/^/    /'
