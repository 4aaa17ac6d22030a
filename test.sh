#!/usr/bin/env bash
# Runs every test of every module against a real Postgres (the one on 127.0.0.1:5432, else an embedded one) and a
# real Kafka broker the tests start themselves. Needs only a JDK 21+ (found for you) and network access to Maven Central.
set -euo pipefail
source "$(dirname "$0")/deploy/local/lib.sh"
use_jdk21
cd "$BILLFORGE_ROOT"
echo "Using JDK at $JAVA_HOME"
exec ./mvnw -B verify "$@"
