#!/usr/bin/env bash
# Package sizes, cross-SDK checks and local cold start of Switchboard's packages; writes bench/results/coldstart.txt.
#
#   bench/coldstart/run.sh                 build, check, measure (RUNS=5 per mode)
#   SKIP_BUILD=1 RUNS=9 bench/coldstart/run.sh
#
# Cold start = time from launching `java -jar target/quarkus-app/quarkus-run.jar` to the first proxied answer: a
# POST /v1/chat/completions that the server forwards to an emulator upstream and answers 200. Measured without and
# with a JDK AOT cache (JDK 24+: a training run with -XX:AOTCacheOutput, then -XX:AOTCache). The Lambda and Cloud
# Functions packages cannot be started here as they run in the clouds (no Lambda runtime, no SnapStart); their
# sizes and contents are checked.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-5}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
OUT="$ROOT/bench/results/coldstart.txt"
WORK="$(mktemp -d)"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "missing: $1" >&2; exit 1; }; }
need curl
need unzip
need python3

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }
median() { python3 -c 'import sys, statistics; v=[float(x) for x in sys.argv[1:]]; print(int(statistics.median(v)))' "$@"; }
minimum() { python3 -c 'import sys; print(min(int(x) for x in sys.argv[1:]))' "$@"; }
# "AOT faster in a of n pairs, median ratio r": runs alternate, so each pair saw about the same machine load
paired() {
  python3 - "$@" <<'PY'
import statistics, sys
v = [int(x) for x in sys.argv[1:]]
n = len(v) // 2
plain, aot = v[:n], v[n:]
ratios = [a / p for p, a in zip(plain, aot)]
print("AOT cache faster in %d of %d alternating pairs; median AOT/plain ratio %.2f"
      % (sum(a < p for p, a in zip(plain, aot)), n, statistics.median(ratios)))
PY
}
mib() { python3 -c 'import sys; print("%.1f MiB" % (int(sys.argv[1]) / 1048576))' "$1"; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building server, Lambda zip and GCF jar ..."
  JAVA_HOME="$JAVA_HOME" ./mvnw -q -pl src/server,src/aws-lambda,src/gcp-functions -am package -DskipTests
fi

SERVER_JAR="src/server/target/quarkus-app/quarkus-run.jar"
LAMBDA_ZIP="src/aws-lambda/target/function.zip"
GCF_JAR="$(ls src/gcp-functions/target/deployment/*-runner.jar)"
for f in "$SERVER_JAR" "$LAMBDA_ZIP" "$GCF_JAR"; do [ -f "$f" ] || { echo "missing $f (build first)" >&2; exit 1; }; done

# --- package contents ---------------------------------------------------------------------------------------
# Every class path in the Lambda zip, the jars under lib/ opened too.
mkdir -p "$WORK/zip"
unzip -q "$LAMBDA_ZIP" 'lib/*' -d "$WORK/zip"
{
  unzip -Z1 "$LAMBDA_ZIP"
  for j in "$WORK"/zip/lib/*.jar; do unzip -Z1 "$j" | sed "s|^|lib/$(basename "$j")!/|"; done
} > "$WORK/lambda-entries.txt"
LAMBDA_GOOGLE=$(grep -c -E 'com/google/cloud/|io/grpc/|aiplatform|^lib/com\.google\.cloud|^lib/io\.grpc' "$WORK/lambda-entries.txt" || true)
unzip -Z1 "$GCF_JAR" > "$WORK/gcf-entries.txt"
GCF_AWS=$(grep -c -E '^(software/amazon|com/amazonaws)/' "$WORK/gcf-entries.txt" || true)
check() { [ "$1" -eq 0 ] && echo "OK (0 entries)" || echo "FAIL ($1 entries)"; }

LAMBDA_SIZE=$(stat -c %s "$LAMBDA_ZIP")
GCF_SIZE=$(stat -c %s "$GCF_JAR")
SERVER_SIZE=$(du -sb src/server/target/quarkus-app | cut -f1)

# --- upstream: the emulator, standalone --------------------------------------------------------------------
EMU_PORT=$(free_port)
"$JAVA" -cp "src/server/target/quarkus-app/lib/main/*" dev.switchboard.emulator.EmulatorMain \
  --http-port "$EMU_PORT" --grpc-port -1 > "$WORK/emulator.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$EMU_PORT/_emulator/health" && break
  sleep 0.1
done

CHAT='{"model":"emu/emulator-1","messages":[{"role":"user","content":"ping"}]}'
SERVER_ARGS=(
  "-Dswitchboard.providers.emu.type=openai-compatible"
  "-Dswitchboard.providers.emu.base-url=http://127.0.0.1:$EMU_PORT/v1"
  "-Dswitchboard.cost.sink=none"
)

# One cold start: launch, poll the proxied chat until it answers 200; prints milliseconds.
cold_start() {
  local port pid t0 code
  port=$(free_port)
  t0=$(now_ms)
  "$JAVA" "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" "${SERVER_ARGS[@]}" -jar "$SERVER_JAR" > "$WORK/server.log" 2>&1 &
  pid=$!
  while true; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H 'content-type: application/json' \
      -d "$CHAT" "http://127.0.0.1:$port/v1/chat/completions" || true)
    [ "$code" = 200 ] && break
    if ! kill -0 "$pid" 2>/dev/null; then echo "server died:" >&2; cat "$WORK/server.log" >&2; exit 1; fi
    sleep 0.01
  done
  echo $(( $(now_ms) - t0 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# --- AOT cache: one training run that serves a little traffic, written at exit ------------------------------
AOT="$WORK/app.aot"
TRAIN_PORT=$(free_port)
"$JAVA" -XX:AOTCacheOutput="$AOT" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$TRAIN_PORT" "${SERVER_ARGS[@]}" -jar "$SERVER_JAR" \
  > "$WORK/train.log" 2>&1 &
TRAIN=$!
until curl -s -o /dev/null "http://127.0.0.1:$TRAIN_PORT/health/live"; do sleep 0.1; done
for _ in $(seq 1 30); do
  curl -s -o /dev/null -H 'content-type: application/json' -d "$CHAT" "http://127.0.0.1:$TRAIN_PORT/v1/chat/completions"
  curl -s -o /dev/null -H 'content-type: application/json' \
    -d '{"model":"emu/emulator-1","stream":true,"messages":[{"role":"user","content":"ping"}]}' \
    "http://127.0.0.1:$TRAIN_PORT/v1/chat/completions"
done
curl -s -o /dev/null "http://127.0.0.1:$TRAIN_PORT/v1/models"
kill -TERM "$TRAIN"; wait "$TRAIN" 2>/dev/null || true
[ -f "$AOT" ] || { echo "no AOT cache written:" >&2; cat "$WORK/train.log" >&2; exit 1; }
AOT_SIZE=$(stat -c %s "$AOT")

# --- measure, alternating the modes so drifting machine load hits both alike --------------------------------
cold_start -Xshare:auto > /dev/null # warm the page cache
PLAIN=(); WITH_AOT=()
for i in $(seq 1 "$RUNS"); do
  PLAIN+=("$(cold_start)")
  WITH_AOT+=("$(cold_start -XX:AOTCache="$AOT")")
  echo "run $i: plain ${PLAIN[-1]} ms, AOT cache ${WITH_AOT[-1]} ms"
done
STARTED_IN=$(grep -o 'started in [0-9.]*s' "$WORK/server.log" | head -1 || true)

{
  echo "# Switchboard cold start and package sizes (bench/coldstart/run.sh)"
  echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB RAM, $(uname -sr)"
  echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, at the end; a shared machine: other builds ran alongside)"
  echo "jdk:       $("$JAVA" -version 2>&1 | head -2 | tail -1)"
  echo "commit:    $(git rev-parse --short HEAD)$(git diff --quiet -- . ':!bench/results' || echo ' (dirty)')"
  echo
  echo "## Packages"
  echo "aws-lambda function.zip:        $(mib "$LAMBDA_SIZE") ($LAMBDA_SIZE bytes), $(grep -c '^lib/[^!]*\.jar$' "$WORK/lambda-entries.txt") jars"
  echo "gcp-functions runner jar:       $(mib "$GCF_SIZE") ($GCF_SIZE bytes)"
  echo "server quarkus-app/ (all SDKs): $(mib "$SERVER_SIZE")"
  echo "function.zip without Google libraries (com/google/cloud, io/grpc, aiplatform): $(check "$LAMBDA_GOOGLE")"
  echo "GCF jar without AWS SDK (software/amazon, com/amazonaws):                     $(check "$GCF_AWS")"
  echo
  echo "## Cold start: JVM launch to first proxied answer (POST /v1/chat/completions via an emulator upstream, 200)"
  echo "server quarkus-run.jar, $RUNS runs each, polled every ~10 ms with curl; Quarkus itself logged: ${STARTED_IN:-?}"
  echo "without AOT cache:  median $(median "${PLAIN[@]}") ms, best $(minimum "${PLAIN[@]}") ms   (runs: ${PLAIN[*]})"
  echo "with AOT cache:     median $(median "${WITH_AOT[@]}") ms, best $(minimum "${WITH_AOT[@]}") ms   (runs: ${WITH_AOT[*]})"
  echo "$(paired "${PLAIN[@]}" "${WITH_AOT[@]}"); cache $(mib "$AOT_SIZE"), trained on 60 chat requests + /v1/models"
} > "$OUT"
cat "$OUT"
[ "$LAMBDA_GOOGLE" -eq 0 ] && [ "$GCF_AWS" -eq 0 ]
