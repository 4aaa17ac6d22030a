#!/usr/bin/env bash
# Stops what deploy/local/up.sh started, by the pids it recorded, and nothing else.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

stop() {
  local name=$1 pid
  pid=$(pid_of "$name") || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$BILLFORGE_STATE/pids/$name.pid"
  echo "stopped $name ($pid)"
}

stop gateway
for file in "$BILLFORGE_STATE"/pids/*-service.pid; do
  [ -e "$file" ] && stop "$(basename "$file" .pid)"
done
stop kafka
stop postgres
echo "Billforge is down."
