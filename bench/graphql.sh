#!/usr/bin/env bash
# console-service's GraphQL against the local stack (started here if it is not running): a page of 50 subscriptions,
# each with its plan, customer and latest invoice, asked through the ingress at a fixed rate; prints its latency.
#   bench/graphql.sh [rate=50] [seconds=60] [warmup-seconds=15]
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"
use_jdk21
"$BILLFORGE_ROOT/deploy/local/up.sh" > /dev/null
TENANT="graphql-$(date +%s)"
TOKEN=$("$BILLFORGE_ROOT/deploy/local/token.sh" "$TENANT" billing-admin)
exec "$JAVA_HOME/bin/java" "$BILLFORGE_ROOT/bench/BillingBench.java" graphql http://127.0.0.1:8080 "$TOKEN" \
  "${1:-50}" "${2:-60}" "${3:-15}"
