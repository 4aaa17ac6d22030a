#!/usr/bin/env bash
# Builds the OCI image of every deployable (the five services and console-service) into the local podman storage,
# offline: nothing is pulled from a registry. The base is FROM scratch: a jlink-ed Java runtime plus the glibc
# libraries it links against, copied from this machine's Debian packages. Each service adds its quarkus-app with the
# dependencies in a layer of their own.
#
#   deploy/images/build.sh                 # package the deployables with Maven, then build the images
#   deploy/images/build.sh --skip-maven    # reuse each <service>/target/quarkus-app (e.g. after ./mvnw verify)
#   deploy/images/build.sh --native        # images of the native executables (./mvnw package -Pnative first)
#   deploy/images/build.sh --save DIR      # also write each image as an OCI archive DIR/<name>.tar (for podman load
#                                          # or skopeo copy oci-archive:... docker://your.registry/...)
#   deploy/images/build.sh --tag 0.2.0     # tag other than the chart's appVersion
#
# Images: localhost/billforge/<deployable>:<tag>, as the Helm chart names them (image.registry=localhost).
# Needs podman and runc (apt-get install podman runc); see README.md, "Deploy to Kubernetes".
set -euo pipefail
source "$(dirname "$0")/../local/lib.sh"
use_jdk21
cd "$BILLFORGE_ROOT"

DEPLOYABLES=(customer-service subscription-service invoicing-service payment-service notification-service console-service)
# What the deployables' dependencies need from the JDK: jdeps -s over every jar of every quarkus-app/lib (java.desktop
# for the invoice PDF, java.rmi for the JTA API, java.security.jgss/sasl for Postgres and Kafka auth, ...), plus
# jdk.zipfs (Quarkus reads its jars as file systems) and JFR with its JMX bridge for profiling a live pod. A missing
# module shows as a NoClassDefFoundError at start-up: the deploy test (ChartOnPodsTest) starts every image.
JAVA_MODULES=java.base,java.logging,java.sql,java.desktop,java.naming,java.xml,java.management,java.compiler
JAVA_MODULES+=,java.transaction.xa,java.rmi,java.scripting,java.instrument,java.security.jgss,java.security.sasl
JAVA_MODULES+=,jdk.unsupported,jdk.management,jdk.httpserver,jdk.crypto.cryptoki,jdk.zipfs,jdk.jfr,jdk.management.jfr
REPOSITORY=localhost/billforge
TAG=$(sed -n 's/^appVersion: *"*\([^"]*\)"*$/\1/p' deploy/helm/billforge/Chart.yaml)
WORK="$BILLFORGE_ROOT/target/images"

skip_maven=false native=false save_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-maven) skip_maven=true ;;
    --native) native=true ;;
    --save) save_dir=$(realpath -m "$2"); shift ;;
    --tag) TAG=$2; shift ;;
    *) echo "unknown option: $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
  echo "podman and runc are needed: apt-get install podman runc (and see README.md, Deploy to Kubernetes)" >&2
  exit 1
fi
PODMAN=(podman --runtime runc)

if ! $skip_maven; then
  modules=$(IFS=,; echo "${DEPLOYABLES[*]}")
  if $native; then
    ./mvnw -B -q package -DskipTests -Pnative -pl "$modules" -am
  else
    ./mvnw -B -q package -DskipTests -pl "$modules" -am
  fi
fi

# The shared libraries (absolute paths on this machine) that the ELF files given need and that $root does not hold
# already (the JDK's own, found through their RUNPATH). Fails on a library found nowhere: the image would only fail
# when it starts.
needed_libraries() {
  local root=$1; shift
  local listing
  listing=$(ldd "$@") || { echo "ldd failed on: $*" >&2; return 1; }
  local missing
  missing=$(awk '$2 == "=>" && $3 == "not" { print $1 }' <<< "$listing" | sort -u | while read -r name; do
    [ -n "$(find "$root" -name "$name" -print -quit)" ] || echo "$name"
  done)
  if [ -n "$missing" ]; then
    echo "not found on this machine, needed by the runtime: $missing" >&2
    return 1
  fi
  awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' <<< "$listing" | { grep -v "^$root/" || true; } | sort -u
}

# A root filesystem: /etc/passwd with uid 1001, a writable /tmp (an emptyDir in the chart) and the libraries that
# the ELF files under $1 (and $2...) need. libgcc_s is dlopen-ed by glibc (thread cancellation, backtraces): ldd
# does not list it; it sits beside libc.
make_root() {
  local root=$1; shift
  mkdir -p "$root/etc" "$root/deployments"
  install -d -m 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nbillforge:x:1001:1001:Billforge:/tmp:/sbin/nologin\n' > "$root/etc/passwd"
  printf 'root:x:0:\nbillforge:x:1001:\n' > "$root/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
  local libraries library
  mapfile -t libraries < <(needed_libraries "$root" "$@"; echo "exit:$?")
  [ "${libraries[-1]}" = "exit:0" ] || exit 1
  unset 'libraries[-1]'
  local libc
  libc=$(printf '%s\n' "${libraries[@]}" | grep '/libc\.so\.6$' | head -1)
  [ -n "$libc" ] && [ -f "$(dirname "$libc")/libgcc_s.so.1" ] && libraries+=("$(dirname "$libc")/libgcc_s.so.1")
  for library in "${libraries[@]}"; do
    mkdir -p "$root$(dirname "$library")"
    cp -L "$library" "$root$library"
  done
}

rm -rf "$WORK" && mkdir -p "$WORK"
if $native; then
  runtime_image="$REPOSITORY/native-runtime:$TAG"
  runners=()
  for deployable in "${DEPLOYABLES[@]}"; do
    runner=$(ls "$deployable"/target/*-runner 2>/dev/null | head -1 || true)
    [ -n "$runner" ] || { echo "$deployable/target/*-runner is missing: ./mvnw package -Pnative first" >&2; exit 1; }
    runners+=("$runner")
  done
  make_root "$WORK/runtime/rootfs" "${runners[@]}"
else
  runtime_image="$REPOSITORY/jvm-runtime:$TAG"
  echo "jlink: $JAVA_MODULES (from $JAVA_HOME)"
  "$JAVA_HOME/bin/jlink" --add-modules "$JAVA_MODULES" --strip-debug --no-header-files --no-man-pages \
    --compress zip-6 --output "$WORK/runtime/rootfs/opt/java"
  # A headless service never loads what needs a display (libawt_xawt, libjawt, libsplashscreen) or a sound card
  # (libjsound): their X11 and ALSA libraries stay out.
  mapfile -t runtime_elves < <(find "$WORK/runtime/rootfs/opt/java" -name '*.so' ! -name libawt_xawt.so \
    ! -name libjawt.so ! -name libsplashscreen.so ! -name libjsound.so)
  make_root "$WORK/runtime/rootfs" "${runtime_elves[@]}" "$WORK/runtime/rootfs/opt/java/bin/java"
fi
"${PODMAN[@]}" build --quiet -f deploy/images/Containerfile.runtime -t "$runtime_image" "$WORK/runtime" >/dev/null

for deployable in "${DEPLOYABLES[@]}"; do
  image="$REPOSITORY/$deployable:$TAG"
  if $native; then
    context="$WORK/$deployable"
    mkdir -p "$context" && cp "$(ls "$deployable"/target/*-runner | head -1)" "$context/application"
    containerfile=deploy/images/Containerfile.native
  else
    context="$deployable/target/quarkus-app"
    [ -f "$context/quarkus-run.jar" ] || { echo "$context is missing: build without --skip-maven" >&2; exit 1; }
    containerfile=deploy/images/Containerfile.service
  fi
  "${PODMAN[@]}" build --quiet --build-arg "RUNTIME_IMAGE=$runtime_image" -f "$containerfile" -t "$image" \
    "$context" >/dev/null
  if [ -n "$save_dir" ]; then
    mkdir -p "$save_dir"
    "${PODMAN[@]}" save --quiet --format oci-archive -o "$save_dir/$deployable.tar" "$image"
  fi
done

podman image prune --force --filter label=dev.billforge.image=true >/dev/null # earlier builds' untagged images

echo "Built into podman's local storage (podman images localhost/billforge/*):"
for deployable in "${DEPLOYABLES[@]}"; do
  podman image inspect --format "  {{index .RepoTags 0}}  {{.Size}} bytes" "$REPOSITORY/$deployable:$TAG"
done
[ -z "$save_dir" ] || echo "OCI archives: $save_dir/<deployable>.tar"
