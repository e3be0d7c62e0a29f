#!/usr/bin/env bash
# Install (if missing) and start a throw-away PostgreSQL on 127.0.0.1 for the store tests.
# Prints the line to eval, e.g.:  eval "$(scripts/ci_postgres.sh)"  → SVERKA_TEST_PG is set.
# Settings: SVERKA_PG_DIR (data directory, default /tmp/sverka-pg), SVERKA_PG_PORT (default 5433).
# Runs as root (CI) or as any user that owns SVERKA_PG_DIR; the server runs as the postgres user when root.
set -euo pipefail

PGDIR="${SVERKA_PG_DIR:-/tmp/sverka-pg}"
PORT="${SVERKA_PG_PORT:-5433}"
DB="${SVERKA_PG_DB:-sverka_test}"

log() { echo "ci_postgres: $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  log "installing postgresql from Debian packages"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -f "$PGDIR/PG_VERSION" ]; then
  log "initdb in $PGDIR"
  mkdir -p "$PGDIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
  as_pg "$BIN/initdb" -D "$PGDIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

if ! as_pg "$BIN/pg_ctl" -D "$PGDIR" status >/dev/null 2>&1; then
  log "starting on 127.0.0.1:$PORT"
  as_pg "$BIN/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGDIR -c fsync=off -c max_connections=50" start >/dev/null
fi

if ! as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname='$DB'" \
    | grep -q 1; then
  as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
fi

echo "export SVERKA_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB"
