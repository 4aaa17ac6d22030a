#!/usr/bin/env bash
# Stops what deploy/local/up.sh started, by the pids it recorded, and nothing else.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

stop() {
  local name=$1 pid
  pid=$(pid_of "$name") || return 0
  stop_pid "$name" "$pid"
  rm -f "$BILLFORGE_STATE/pids/$name.pid"
}

stop_pid() { # name, pid: SIGTERM, then SIGKILL after 30 s
  local name=$1 pid=$2
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  echo "stopped $name ($pid)"
}

stop gateway
for file in "$BILLFORGE_STATE"/pids/*-service.pid; do
  [ -e "$file" ] && stop "$(basename "$file" .pid)"
done
stop kafka
# A broker whose launcher was killed (so the launcher could not stop it) is stopped by its own pid file.
if broker=$(kafka_broker_pid); then stop_pid "kafka broker" "$broker"; fi
stop postgres
if redis=$(redis_pid); then stop_pid redis "$redis"; rm -f "$BILLFORGE_STATE/pids/redis.pid"; fi
echo "Billforge is down."
