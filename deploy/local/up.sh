#!/usr/bin/env bash
# Starts the whole platform locally: Postgres, a Kafka broker, every service, and the ingress stand-in on
# http://127.0.0.1:8080. Safe to run twice (what already runs is left alone). Stop it all with deploy/local/down.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
use_jdk21
cd "$BILLFORGE_ROOT"
mkdir -p "$BILLFORGE_STATE"/{pids,logs}

GATEWAY_PORT=8080
KAFKA_PORT=9092
POSTGRES_PORT=5432
REDIS_PORT=6379
DATABASE=billforge
# service name -> local port. A service appears here once its module exists.
SERVICES=(customer-service:8081 subscription-service:8082 invoicing-service:8083 payment-service:8084
          notification-service:8085)
# GraphQL and the web console: owns no data, calls the services above (started after them, on their ports).
CONSOLE=console-service:8086
LOCAL_STACK_CP="$BILLFORGE_ROOT/local-stack/target/local-stack-0.1.0-SNAPSHOT.jar:$BILLFORGE_ROOT/local-stack/target/lib/*"
JAVA="$JAVA_HOME/bin/java"
# JVM options of each service (word-split); BILLFORGE_SERVICE_JVM_OPTIONS overrides them. The Serial collector, as
# the chart gives a pod of one CPU: G1's own structures alone took 40 MB a service, and its concurrent threads
# contend with the application's on a small machine. The heap starts small and grows under load: the live heap is
# 30-45 MB after a bill run, but a backlog's batches in flight need more (128 MB ran out in a 10,000 bill run).
# From JDK 22, memory the JIT compilers freed is given back to the system every 30 s (glibc keeps it otherwise).
# Smaller thread stacks (512 KB) are the local stack's alone: the chart and the system tests keep the JVM's 1 MB.
SERVICE_JVM_OPTIONS="-XX:+UseSerialGC -Xms64m -Xmx256m -Xss512k"
JDK_MAJOR=$(java_major "$JAVA_HOME")
if [ "${JDK_MAJOR:-0}" -ge 22 ]; then SERVICE_JVM_OPTIONS+=" -XX:TrimNativeHeapInterval=30000"; fi
SERVICE_JVM_OPTIONS=${BILLFORGE_SERVICE_JVM_OPTIONS:-$SERVICE_JVM_OPTIONS}
# Two malloc arenas instead of glibc's 8 per core, for every JVM this script starts (and the build it may run):
# fewer half-empty arenas held by a JVM's many threads.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

start_bg() { # name, command...: runs the command in the background, tagged with a marker, pid recorded
  local name=$1; shift
  nohup "$JAVA" "-Dlocalstack.name=$name" "$@" > "$BILLFORGE_STATE/logs/$name.log" 2>&1 &
  echo $! > "$BILLFORGE_STATE/pids/$name.pid"
}

wait_for() { # what, seconds, test command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 4))); do "$@" && return 0; sleep 0.25; done
  echo "up.sh: $what did not come up within ${seconds}s; see $BILLFORGE_STATE/logs/" >&2
  exit 1
}

# Build what has to start and is missing or older than its sources; services already running are left alone.
stale=()
for entry in "${SERVICES[@]}" "$CONSOLE"; do
  name=${entry%%:*}
  pid_of "$name" > /dev/null && continue
  jar="$name/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$name/src" service-chassis/src events/src api-errors/src -newer "$jar" -print -quit)" ]; then
    stale+=("$name")
  fi
done
if [ ! -f local-stack/target/lib/snakeyaml-*.jar ]; then stale+=(local-stack); fi
if [ ${#stale[@]} -gt 0 ]; then
  modules=$(IFS=,; echo "${stale[*]}")
  echo "Building $modules (./mvnw install -DskipTests) with JDK at $JAVA_HOME ..."
  ./mvnw -q -B install -DskipTests -pl "$modules" -am
fi

# Postgres: the server on 5432 when one answers, else an embedded one we keep running.
if port_open $POSTGRES_PORT; then
  "$JAVA" -cp "$LOCAL_STACK_CP" dev.billforge.localstack.LocalStack postgres --port $POSTGRES_PORT \
    --data "$BILLFORGE_STATE/postgres" --database $DATABASE
elif ! pid_of postgres > /dev/null; then
  start_bg postgres -cp "$LOCAL_STACK_CP" dev.billforge.localstack.LocalStack postgres --port $POSTGRES_PORT \
    --data "$BILLFORGE_STATE/postgres" --database $DATABASE
  wait_for "embedded Postgres" 120 port_open $POSTGRES_PORT
fi

if ! pid_of kafka > /dev/null; then
  # A broker left running by a launcher that was killed is ours: the new launcher adopts it (and stops it on down.sh).
  if port_open $KAFKA_PORT && ! kafka_broker_pid > /dev/null; then
    echo "up.sh: port $KAFKA_PORT is taken by something else" >&2; exit 1
  fi
  start_bg kafka -cp "$LOCAL_STACK_CP" dev.billforge.localstack.LocalStack kafka --port $KAFKA_PORT \
    --dir "$BILLFORGE_STATE/kafka"
  wait_for "Kafka" 90 port_open $KAFKA_PORT
fi

# Redis, for the rate-limit counters the services share: the server on 6379 when one answers, else a redis-server
# from the PATH (Debian: redis-server) that we keep running, keeping nothing on disk. Without either the services
# still run, each counting its own quotas (they log it).
if ! port_open $REDIS_PORT; then
  if command -v redis-server > /dev/null; then
    nohup redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no \
      --proc-title-template "{title} {listen-addr} billforge-local" > "$BILLFORGE_STATE/logs/redis.log" 2>&1 &
    echo $! > "$BILLFORGE_STATE/pids/redis.pid"
    wait_for "Redis" 30 port_open $REDIS_PORT
  else
    echo "up.sh: no Redis on $REDIS_PORT and no redis-server to start: each service counts its own rate limits" >&2
  fi
fi

"$JAVA" "$BILLFORGE_ROOT/deploy/local/DevTokens.java" keys "$BILLFORGE_STATE/jwt"

# The keys that seal tenants' secrets and customers' personal data at rest, the blind-index key of the email
# filter, and the console's OIDC client secret (it also encrypts the sign-in cookie); made once, kept with the state.
for key in secrets blind-index console-oidc; do
  if [ ! -s "$BILLFORGE_STATE/$key.key" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 > "$BILLFORGE_STATE/$key.key")
  fi
done

upstreams=()
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}; port=${entry##*:}
  upstreams+=("$name=http://127.0.0.1:$port")
  pid_of "$name" > /dev/null && continue
  BILLFORGE_HTTP_PORT=$port \
  BILLFORGE_DB_NAME=$DATABASE \
  BILLFORGE_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
  BILLFORGE_JWT_PUBLIC_KEY_LOCATION="$BILLFORGE_STATE/jwt/public.pem" \
  BILLFORGE_SECRETS_KEYS="local:$(cat "$BILLFORGE_STATE/secrets.key")" \
  BILLFORGE_SECRETS_ACTIVE_KEY_ID=local \
  BILLFORGE_SECRETS_BLIND_INDEX_KEY="$(cat "$BILLFORGE_STATE/blind-index.key")" \
  BILLFORGE_TEST_CLOCK_ENABLED=true \
  BILLFORGE_PAYMENT_PROVIDERS_SIMULATOR_ENABLED=true \
  BILLFORGE_REDIS_URL=redis://127.0.0.1:$REDIS_PORT \
  BILLFORGE_RATE_LIMIT_WRITES=${BILLFORGE_RATE_LIMIT_WRITES:-100000} \
  BILLFORGE_RATE_LIMIT_READS=${BILLFORGE_RATE_LIMIT_READS:-100000} \
  BILLFORGE_MAIL_MOCK=true \
  BILLFORGE_WEBHOOKS_ALLOW_LOOPBACK=true \
  BILLFORGE_PAYMENT_DUNNING_INTERVAL=5s \
  BILLFORGE_SUBSCRIPTION_TRIAL_REMINDER_INTERVAL=5s \
  QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    start_bg "$name" $SERVICE_JVM_OPTIONS -jar "$BILLFORGE_ROOT/$name/target/quarkus-app/quarkus-run.jar"
done

console_upstreams=()
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}
  console_upstreams+=("BILLFORGE_$(echo "${name//-/_}" | tr '[:lower:]' '[:upper:]')_URL=http://127.0.0.1:${entry##*:}")
done
upstreams+=("${CONSOLE%%:*}=http://127.0.0.1:${CONSOLE##*:}")
if ! pid_of "${CONSOLE%%:*}" > /dev/null; then
  (
    export "${console_upstreams[@]}"
    BILLFORGE_HTTP_PORT=${CONSOLE##*:} \
    BILLFORGE_JWT_PUBLIC_KEY_LOCATION="$BILLFORGE_STATE/jwt/public.pem" \
    BILLFORGE_CONSOLE_SIGN_IN_ENABLED=true \
    BILLFORGE_CONSOLE_DEV_SIGN_IN=true \
    BILLFORGE_CONSOLE_OIDC_URL="http://127.0.0.1:${CONSOLE##*:}/dev-sign-in" \
    BILLFORGE_CONSOLE_OIDC_CLIENT_SECRET="$(cat "$BILLFORGE_STATE/console-oidc.key")" \
    BILLFORGE_JWT_PRIVATE_KEY_LOCATION="$BILLFORGE_STATE/jwt/private.pem" \
    BILLFORGE_CONSOLE_SECURE_COOKIES=false \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
      start_bg "${CONSOLE%%:*}" $SERVICE_JVM_OPTIONS -jar "$BILLFORGE_ROOT/${CONSOLE%%:*}/target/quarkus-app/quarkus-run.jar"
  )
fi

if ! pid_of gateway > /dev/null; then
  start_bg gateway -cp "$LOCAL_STACK_CP" dev.billforge.localstack.LocalStack gateway --port $GATEWAY_PORT \
    --routes "$BILLFORGE_ROOT/deploy/helm/billforge/routes.yaml" "${upstreams[@]}"
  wait_for "the gateway" 30 port_open $GATEWAY_PORT
fi

ready() { curl -fs -o /dev/null "http://127.0.0.1:$1/q/health/ready"; }
for entry in "${SERVICES[@]}" "$CONSOLE"; do
  wait_for "${entry%%:*} (ready)" 120 ready "${entry##*:}"
done

echo
echo "Billforge is up."
echo "  API (ingress stand-in):  http://127.0.0.1:$GATEWAY_PORT/v1/..."
echo "  GraphQL:                 http://127.0.0.1:$GATEWAY_PORT/graphql  (Authorization: Bearer \$(deploy/local/token.sh TENANT))"
echo "  Console:                 http://127.0.0.1:$GATEWAY_PORT/console  (sign in with any tenant and a role: the local development sign-in)"
for entry in "${SERVICES[@]}"; do
  echo "  ${entry%%:*}: http://127.0.0.1:${entry##*:}  (health /q/health, metrics /q/metrics, OpenAPI /q/openapi)"
done
echo "  ${CONSOLE%%:*}: http://127.0.0.1:${CONSOLE##*:}  (health /q/health, metrics /q/metrics, schema /graphql/schema.graphql)"
echo "  Kafka: 127.0.0.1:$KAFKA_PORT   Postgres: 127.0.0.1:$POSTGRES_PORT/$DATABASE   Redis: 127.0.0.1:$REDIS_PORT"
echo "  Logs: $BILLFORGE_STATE/logs/   Token: deploy/local/token.sh TENANT [billing-admin|billing-read]; operator: token.sh - billing-operator"
echo "  Stop: deploy/local/down.sh"
