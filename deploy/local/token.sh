#!/usr/bin/env bash
# Prints a bearer token the local stack accepts: deploy/local/token.sh TENANT [ROLE...]
# Roles default to billing-admin; use billing-read for a read-only token. The platform operator's token (the only one
# that moves test clocks) has no tenant: deploy/local/token.sh - billing-operator
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ $# -lt 1 ]; then echo "usage: $0 TENANT [ROLE...]   (roles: billing-admin, billing-read; TENANT - with billing-operator)" >&2; exit 2; fi
use_jdk21
"$JAVA_HOME/bin/java" "$BILLFORGE_ROOT/deploy/local/DevTokens.java" keys "$BILLFORGE_STATE/jwt"
exec "$JAVA_HOME/bin/java" "$BILLFORGE_ROOT/deploy/local/DevTokens.java" token "$BILLFORGE_STATE/jwt" \
  "${BILLFORGE_JWT_ISSUER:-https://auth.billforge.local}" "$@"
