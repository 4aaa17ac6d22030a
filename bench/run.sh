#!/usr/bin/env bash
# Billforge's benchmark against the local stack (started here if it is not running). Prints create-subscription
# latency through the ingress at a fixed rate, and subscription.created -> receipt notification times.
#   bench/run.sh [rate=500] [subscriptions=1000] [warmup=300]
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"
use_jdk21
"$BILLFORGE_ROOT/deploy/local/up.sh" > /dev/null
TENANT="bench-$(date +%s)"
TOKEN=$("$BILLFORGE_ROOT/deploy/local/token.sh" "$TENANT" billing-admin)
exec "$JAVA_HOME/bin/java" "$BILLFORGE_ROOT/bench/BillingBench.java" http://127.0.0.1:8080 "$TOKEN" "${1:-500}" "${2:-1000}" "${3:-300}"
