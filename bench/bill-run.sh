#!/usr/bin/env bash
# The bill run's throughput against the local stack (started here if it is not running): seeds monthly subscriptions
# for several tenants through the API (seeding time reported, not counted), moves the business clock a month, and
# times renewal, invoicing, charging, payment and the receipt of every subscription; then runs pgbench -N for 20 s
# (bench/pgbench.sh) and prints the bill run's rate as a share of its TPS. Needs psql (the stack's Postgres).
# With runs > 1, the clocks move again after each run and each run is timed on its own: the first one after start-up
# includes the JIT compiling the services' hot paths, the later ones are the warm cost. The share is the last run's.
#   bench/bill-run.sh [subscriptions=10000] [tenants=10] [runs=1]
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"
use_jdk21
command -v psql > /dev/null || { echo "bench/bill-run.sh needs psql (Debian: apt-get install postgresql-client)" >&2; exit 1; }
"$BILLFORGE_ROOT/deploy/local/up.sh" > /dev/null
SUBSCRIPTIONS=${1:-10000}
TENANTS=${2:-10}
RUNS=${3:-1}
PREFIX="billrun-$(date +%s)-"
OPERATOR_TOKEN="$("$BILLFORGE_ROOT/deploy/local/token.sh" - billing-operator)" # moves the tenants' clocks
TOKENS=()
for i in $(seq 1 "$TENANTS"); do
  TOKENS+=("$("$BILLFORGE_ROOT/deploy/local/token.sh" "$PREFIX$i" billing-admin)")
done
RESULT=$(mktemp)
trap 'rm -f "$RESULT"' EXIT
"$JAVA_HOME/bin/java" "$BILLFORGE_ROOT/bench/BillingBench.java" bill-run http://127.0.0.1:8080 \
  "postgresql://${BILLFORGE_DB_USER:-postgres}@127.0.0.1:5432/billforge" "$SUBSCRIPTIONS" "$RUNS" "$PREFIX" \
  "$OPERATOR_TOKEN" "${TOKENS[@]}" | tee "$RESULT"
# The yardstick, on this machine in this run: the bill run's subscriptions per second over pgbench -N's TPS.
if command -v pgbench > /dev/null; then
  TPS=$("$BILLFORGE_ROOT/bench/pgbench.sh" 20)
  RATE=$(sed -n 's/^bill-run: .*(\([0-9.]*\)\/s)$/\1/p' "$RESULT" | tail -1)
  echo "pgbench -N: $TPS TPS on this machine now; the bill run reached $(awk -v r="$RATE" -v t="$TPS" 'BEGIN { printf "%.3f", r / t }') of it"
fi
