#!/usr/bin/env bash
# Stops the server scripts/start-postgres.sh started and removes its data (KEEP_PG_DATA=true keeps it).
set -euo pipefail

DATA="${PG_DATA:-${TMPDIR:-/tmp}/mackerel-tracing-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -n 1)"

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ -n "$BIN" ] && [ -s "$DATA/postmaster.pid" ]; then
  as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
fi
if [ "${KEEP_PG_DATA:-false}" != "true" ]; then
  rm -rf "$DATA" "$DATA.initdb.log"
fi
