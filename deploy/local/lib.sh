# Shared by deploy/local/*.sh, test.sh and .ci/run: where things are, and which JDK to use.
# shellcheck shell=bash

BILLFORGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BILLFORGE_STATE="$BILLFORGE_ROOT/.local"     # pids, logs, Kafka data, dev keys; gitignored

java_major() { # prints the major version of the JDK at $1 (a JAVA_HOME), or nothing
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

# Exports JAVA_HOME pointing at a JDK 21 or newer: $JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
use_jdk21() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge 21 ]; then export JAVA_HOME; return 0; fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "Billforge needs a JDK 21 or newer, and none was found (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm)." >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk, or a Temurin 21/25) or point JAVA_HOME at it." >&2
    exit 1
  fi
  export JAVA_HOME="$best"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The pid in FILE while its process's command line still carries MARKER, so a recycled pid is never mistaken for
# ours (and never killed). With "forget", a stale pid file is removed.
pid_in_file() {
  local file=$1 marker=$2 forget=${3:-} pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$marker"; then
    echo "$pid"
  else
    if [ "$forget" = forget ]; then rm -f "$file"; fi
    return 1
  fi
}

# The processes up.sh started, one pid file each, marked with -Dlocalstack.name=<name>.
pid_of() { pid_in_file "$BILLFORGE_STATE/pids/$1.pid" "-Dlocalstack.name=$1" forget; }

# The redis-server up.sh started, if it still runs: it names itself billforge-local in its process title.
redis_pid() { pid_in_file "$BILLFORGE_STATE/pids/redis.pid" "billforge-local" forget; }

# The Kafka broker JVM that the kafka launcher of this checkout started, if it still runs (it can outlive a launcher
# that was killed): its pid file sits in our state directory and its command line names our server.properties.
kafka_broker_pid() { pid_in_file "$BILLFORGE_STATE/kafka/broker.pid" "$BILLFORGE_STATE/kafka/server.properties"; }
