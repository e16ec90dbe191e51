#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests and demos, from Debian's postgresql-15 package.
#
#   scripts/pg-cluster.sh start    initdb (first time) and start; does nothing when already running
#   scripts/pg-cluster.sh stop     stop the server and delete its data directory
#   scripts/pg-cluster.sh restart  stop and start again keeping the data (fault tests: a server restart)
#   scripts/pg-cluster.sh status   exit 0 when running, 3 when not
#   scripts/pg-cluster.sh env      print `export YB_MIGRATE_TEST_PG="..."` (use with eval)
#
# The cluster lives in /tmp/yb-migrate-pg-<port>, listens on 127.0.0.1 only, on its own port
# (YB_MIGRATE_PG_PORT, default 54329), never on a service that happens to be running. PostgreSQL
# refuses to run as root, so as root the server runs as an unprivileged user (YB_MIGRATE_PG_USER,
# default ybmigrate) created here when missing. It only listens on loopback, so it trusts loopback
# connections; fsync is off: the data is thrown away anyway. Benchmarks set YB_MIGRATE_PG_DURABLE=1
# to keep PostgreSQL's default durability (fsync, synchronous_commit, full_page_writes on).
set -euo pipefail

port=${YB_MIGRATE_PG_PORT:-54329}
bin=${YB_MIGRATE_PG_BIN:-/usr/lib/postgresql/15/bin}
base=/tmp/yb-migrate-pg-$port
data=$base/data
log=$base/server.log

if [ "$(id -u)" -eq 0 ]; then
  os_user=${YB_MIGRATE_PG_USER:-ybmigrate}
else
  os_user=$(id -un)
fi
db_user=$os_user

die() { echo "pg-cluster: $*" >&2; exit 1; }

# Runs a command as the cluster's OS user (directly when that is us).
as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$os_user" -- "$@"
  else
    "$@"
  fi
}

ensure_binaries() {
  [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] && return
  [ "$(id -u)" -eq 0 ] || die "$bin/initdb not found: install postgresql-15 (sudo apt-get install postgresql-15)"
  echo "pg-cluster: installing postgresql-15 with apt-get" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  [ -x "$bin/initdb" ] || die "$bin/initdb still missing after installing postgresql-15"
}

ensure_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id -u "$os_user" >/dev/null 2>&1 && return
  useradd --system --no-create-home --shell /usr/sbin/nologin "$os_user"
}

running() {
  [ -f "$data/PG_VERSION" ] && as_user "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

durability_options() {
  [ "${YB_MIGRATE_PG_DURABLE:-0}" = 1 ] || echo "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
}

restart() {
  running || die "not running on 127.0.0.1:$port"
  as_user "$bin/pg_ctl" -D "$data" -m fast -w restart >/dev/null || { tail -n 20 "$log" >&2 || true; die "the server did not restart"; }
  echo "pg-cluster: restarted on 127.0.0.1:$port" >&2
}

start() {
  ensure_binaries
  ensure_user
  if running; then
    echo "pg-cluster: already running on 127.0.0.1:$port ($data)" >&2
    return
  fi
  mkdir -p "$base"
  chown "$os_user" "$base"
  chmod 700 "$base"
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data"
    as_user "$bin/initdb" -D "$data" -U "$db_user" --auth-local=trust --auth-host=trust \
      --encoding=UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 \
      || { cat "$base/initdb.log" >&2; die "initdb failed"; }
  fi
  # The port must be ours: a server of someone else there would take our tests' connections.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "127.0.0.1:$port is already in use by another process; set YB_MIGRATE_PG_PORT to a free port"
  fi
  as_user "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $base $(durability_options)" \
    start >/dev/null || { tail -n 20 "$log" >&2 || true; die "the server did not start"; }
  echo "pg-cluster: started on 127.0.0.1:$port ($data)" >&2
}

stop() {
  if running; then
    as_user "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    echo "pg-cluster: stopped 127.0.0.1:$port" >&2
  fi
  rm -rf "$base"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) restart ;;
  status)
    if running; then echo "running on 127.0.0.1:$port ($data)"; else echo "not running"; exit 3; fi ;;
  env) echo "export YB_MIGRATE_TEST_PG=\"Host=127.0.0.1;Port=$port;Username=$db_user;Database=postgres\"" ;;
  *) echo "usage: $0 start|stop|restart|status|env" >&2; exit 2 ;;
esac
