#!/usr/bin/env bash
# pgbench -N (simple updates: one account UPDATE, one SELECT, one history INSERT per transaction) against the local
# stack's Postgres, the yardstick the billing benches are read against on the same machine in the same run. Creates a
# database "pgbench" (scale 10) the first time. Prints the transactions per second.
#   bench/pgbench.sh [seconds=20]
set -euo pipefail
command -v pgbench > /dev/null || { echo "bench/pgbench.sh needs pgbench (Debian: apt-get install postgresql-contrib)" >&2; exit 1; }
DB_USER=${BILLFORGE_DB_USER:-postgres}
if ! psql -h 127.0.0.1 -U "$DB_USER" -XAtc "SELECT 1 FROM pg_database WHERE datname = 'pgbench'" postgres | grep -q 1; then
  createdb -h 127.0.0.1 -U "$DB_USER" pgbench
  pgbench -h 127.0.0.1 -U "$DB_USER" -i -s 10 -q pgbench > /dev/null 2>&1
fi
pgbench -h 127.0.0.1 -U "$DB_USER" -N -c 8 -j 2 -T "${1:-20}" pgbench 2>&1 \
  | sed -n 's/^tps = \([0-9.]*\) .*/\1/p'
