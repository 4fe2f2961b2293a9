#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests, on loopback only, and prints its JDBC URL.
# Idempotent: a server already answering on the port is reused. Installs Debian's postgresql package
# when no PostgreSQL is found (needs root or sudo). PostgreSQL refuses to run as root, so as root the
# cluster belongs to the "postgres" user the package creates.
#
#   scripts/start-postgres.sh            # prints jdbc:postgresql://127.0.0.1:54329/postgres?user=postgres
#   REQUIRE_POSTGRES=true mvn -B verify  # the PostgreSQL tests then fail instead of being skipped
#   scripts/stop-postgres.sh             # stops it and removes its data
#
# Environment: PG_PORT (54329), PG_DATA (${TMPDIR:-/tmp}/mackerel-tracing-pg).
set -euo pipefail

PORT="${PG_PORT:-54329}"
DATA="${PG_DATA:-${TMPDIR:-/tmp}/mackerel-tracing-pg}"
URL="jdbc:postgresql://127.0.0.1:${PORT}/postgres?user=postgres"

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

BIN="$(find_bin || true)"
if [ -z "$BIN" ]; then
  echo "PostgreSQL not found; installing Debian's postgresql package" >&2
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install postgresql" >&2; exit 1; }
    SUDO="sudo"
  fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)" || { echo "postgresql installed but initdb/pg_ctl not found" >&2; exit 1; }
fi

if as_owner "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  echo "$URL"
  exit 0
fi

if [ ! -s "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"
  if [ "$(id -u)" = "0" ]; then
    chown postgres "$DATA"
  fi
  chmod 700 "$DATA"
  # Trust on loopback only: a throwaway cluster for tests, listening nowhere else.
  as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$DATA.initdb.log" 2>&1 \
    || { cat "$DATA.initdb.log" >&2; exit 1; }
fi

# fsync off: the data is thrown away, and tests run faster.
as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >&2 || { tail -n 30 "$DATA/server.log" >&2; exit 1; }

echo "$URL"
