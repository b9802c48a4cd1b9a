#!/usr/bin/env bash
# bench/serverless/run.sh — what a fresh instance does in its first seconds, side by side with Portkey (issue 14).
# A benchmark, not a test: nothing here runs in CI. How to read it: bench/README.md, "Serverless".
#
# Server (src/server quarkus-run.jar, the SHIPPED configuration: cost records on (jsonl on stdout), INFO logging;
# only a provider "fast" pointing at the local upstream is added) against Portkey (node, npm @portkey-ai/gateway,
# installed into a scratch dir outside the repo), same upstream (bench/upstream/FastUpstream.java), interleaved:
# every round runs every variant once, in a rotated order, so drifting machine load hits all alike. Per run:
#   1. launch -> first proxied 200 (a real chat request tried every ~10 ms by await_answer.py, started before the launch);
#   2. requests served in the EARLY seconds (default 10) right after that first answer, 8 connections;
#   3. steady state: c=50 for --warmup seconds (discarded), then --steady seconds measured: req/s, CPU ms per
#      request (utime+stime of the whole process from /proc, all threads), context switches per request.
# Then (unless --only says otherwise) the function packages, each with and without levers:
#   * Lambda: function.zip unpacked, started the way the managed Java runtime does (LambdaRuntimeLoop.java: init
#     the handler class, then poll the runtime API) against Quarkus's own mock event server (MockEventServerMain);
#     first = init (launch -> handler ready) + the first invocation sent then -> answered; then EARLY seconds at
#     1 connection (a Lambda instance serves one request at a time). Function variants named primed* also run
#     the CRaC before-checkpoint/after-restore hooks at the end of init (SnapStart priming; the snapshot itself
#     cannot be taken here, so "first invocation after init" is the local stand-in for "after restore").
#   * GCF: the runner jar under the real Functions Framework invoker (java-function-invoker 2.0.0, target
#     dev.switchboard.gcp.SwitchboardFunction), polled like the server; then EARLY seconds at 1 connection.
# The report prints medians, the machine load (1-min load average) at each run, and ratios vs Portkey against the
# issue's targets. Writes bench/results/<date>-serverless[-LABEL].txt.
#
# Usage: bench/serverless/run.sh [options]
#   --no-build            use existing packages (default: ./mvnw -q -pl src/server,src/aws-lambda,src/gcp-functions -am package -DskipTests)
#   --rounds N            rounds (default 3)
#   --only LIST           any of server,lambda,gcf (default all three)
#   --early S             seconds counted after the first answer (default 10)
#   --warmup S            c=50 warm-up before the steady window (default 20)
#   --steady S            measured steady window at c=50 (default 10)
#   --variant NAME=OPTS   add a server variant with extra JVM options (unpinned; pinned if NAME starts with "pinned");
#                         OPTS "@PATH/quarkus-run.jar [JVM options]" runs another build; repeatable
#   --fn-variant NAME=OPTS  add a function variant (JAVA_TOOL_OPTIONS for the function JVM); repeatable
#   --aot                 train JDK AOT caches (JDK 25) and add "aot" variants: the server as an aot-jar
#                         (src/server/target/aot, built unless --no-build) with its cache, also with C1 only ("aot-c1"),
#                         and README's short-lived command ("aot-short": C1 only, SerialGC, no training replay);
#                         the GCF package with its cache; the Lambda package java25-aot (deploy/lambda-aot.sh:
#                         provided.al2023 with its own JDK 25 and cache, run through its bootstrap), also unpacked
#                         with every file's time changed ("aot-copied": the bootstrap's copy to /tmp at each start)
#   --aot-variant NAME=OPTS  with --aot: one more server variant on the aot-jar with the run's trained cache plus OPTS
#                         (e.g. "aot-c1-nr=-XX:TieredStopAtLevel=1 -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining");
#                         repeatable. A cache must be used from the path and directory it was trained with (NOTES 12.1):
#                         this is how to add JVM options to a cached variant
#   --no-pinned           skip the pinned server variant;  --no-portkey  skip Portkey
#   --sink-off            also run the server with cost sink none + log level WARN (variant "sinkoff")
#   --before DIR          a checkout of the code before the changes, packages built: adds a "before" variant of
#                         the server and of both functions
#   --label NAME          results file suffix
# Environment: JAVA_HOME (default Temurin 25), PORTKEY_DIR (default /tmp/switchboard-portkey; npm install there
# if missing), PORTKEY_VERSION (1.15.2), NODE (node).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/bench/serverless"
# shellcheck source=poller.sh
source "$HERE/poller.sh"
# shellcheck source=settle.sh
source "$HERE/settle.sh"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
PORTKEY_DIR="${PORTKEY_DIR:-/tmp/switchboard-portkey}"
PORTKEY_VERSION="${PORTKEY_VERSION:-1.15.2}"
NODE="${NODE:-node}"
M2="${M2_REPO:-$HOME/.m2/repository}"
# README's run command for short-lived instances on the aot-jar (bench/NOTES.md 13.1, 14.2): C1 only, SerialGC, no
# replay of the training run's compilations at start (a diagnostic flag of JDK 25), JBoss Logging's provider named
AOT_SHORT_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining -Dorg.jboss.logging.provider=jboss"
Q=3.32.4

BUILD=1 ROUNDS=3 ONLY="server,lambda,gcf" EARLY=10 WARMUP=20 STEADY=10 AOT=0 PINNED=1 PORTKEY=1 SINKOFF=0 LABEL=""
EXTRA_VARIANTS=() AOT_VARIANTS=() FN_VARIANTS=() BEFORE_DIR=""
ARGS="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --rounds) ROUNDS="$2"; shift ;;
    --only) ONLY="$2"; shift ;;
    --early) EARLY="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --steady) STEADY="$2"; shift ;;
    --variant) EXTRA_VARIANTS+=("$2"); shift ;;
    --fn-variant) FN_VARIANTS+=("$2"); shift ;;
    --aot-variant) AOT_VARIANTS+=("$2"); shift ;;
    --aot) AOT=1 ;;
    --no-pinned) PINNED=0 ;;
    --no-portkey) PORTKEY=0 ;;
    --sink-off) SINKOFF=1 ;;
    --label) LABEL="$2"; shift ;;
    --before) BEFORE_DIR="$(cd "$2" && pwd)"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
has() { [[ ",$ONLY," == *",$1,"* ]]; }

WORK="$(mktemp -d /tmp/switchboard-serverless.XXXXXX)"
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'rc=$?; cleanup; [ $rc = 0 ] && rm -rf "$WORK" || echo "failed; logs kept in $WORK" >&2' EXIT
log() { echo "[serverless $(date +%H:%M:%S)] $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ns() { date +%s%N; }
load1() { cut -d' ' -f1 /proc/loadavg; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
ctxsw() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^(non)?voluntary_ctxt_switches/ {s += $2} END {print s + 0}'; }
CLK_TCK="$(getconf CLK_TCK)"
stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
# ---------------------------------------------------------------- build, tools
cd "$ROOT"
if [ "$BUILD" = 1 ]; then
  log "building (./mvnw -q -pl src/server,src/aws-lambda,src/gcp-functions -am package -DskipTests)"
  ./mvnw -q -pl src/server,src/aws-lambda,src/gcp-functions -am package -DskipTests >"$WORK/build.log" 2>&1 \
    || { tail -40 "$WORK/build.log" >&2; exit 1; }
  if [ "$AOT" = 1 ] && has server; then
    log "building the server's aot-jar (src/server/target/aot)"
    ./mvnw -q -o -pl src/server -am package -DskipTests -Dquarkus.package.jar.type=aot-jar \
      -Dquarkus.package.output-directory="$ROOT/src/server/target/aot" >"$WORK/build-aot.log" 2>&1 \
      || { tail -40 "$WORK/build-aot.log" >&2; exit 1; }
  fi
fi
command -v wrk >/dev/null || { log "installing wrk"; apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
SERVER_JAR="$ROOT/src/server/target/quarkus-app/quarkus-run.jar"
LAMBDA_ZIP="$ROOT/src/aws-lambda/target/function.zip"
GCF_JAR="$(ls "$ROOT"/src/gcp-functions/target/deployment/*-runner.jar 2>/dev/null | head -1 || true)"
INVOKER="$M2/com/google/cloud/functions/invoker/java-function-invoker/2.0.0/java-function-invoker-2.0.0.jar"
if [ "$PORTKEY" = 1 ] && has server && [ ! -f "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" ]; then
  log "installing @portkey-ai/gateway@$PORTKEY_VERSION into $PORTKEY_DIR (outside the repository)"
  mkdir -p "$PORTKEY_DIR" && (cd "$PORTKEY_DIR" && npm init -y >/dev/null && npm install -s "@portkey-ai/gateway@$PORTKEY_VERSION" >/dev/null)
fi
PORTKEY_JS="$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js"

UP_PORT="$(free_port)"
mkdir -p "$WORK/up"
"$JAVA_HOME/bin/javac" -d "$WORK/up" "$ROOT/bench/upstream/FastUpstream.java"
"$JAVA" -cp "$WORK/up" FastUpstream "$UP_PORT" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
UPSTREAM="http://127.0.0.1:$UP_PORT/v1"
BODY='{"model":"fast/bench-1","messages":[{"role":"user","content":"Say hello in five words."}],"max_tokens":16}'
LUA="$HERE/request.lua"
# the provider the benchmark adds to each package's shipped configuration (nothing else is changed)
# and a price for its model, so every answer is priced as a real model's is
PROVIDER=(-Dswitchboard.providers.fast.type=openai-compatible "-Dswitchboard.providers.fast.base-url=$UPSTREAM"
  '-Dswitchboard.pricing.overrides."fast/bench-1".input-per-mtok=0.15'
  '-Dswitchboard.pricing.overrides."fast/bench-1".output-per-mtok=0.60')

# ---------------------------------------------------------------- launching
# start_variant KIND NAME OPTS: sets PID, URL, WRK_ENV, ON_LOAD; KIND is server|portkey|lambda|gcf
PID="" URL="" ON_LOAD=() ON_GW=() WRK_ENV=()
start_variant() {
  local kind="$1" name="$2" opts="$3" port="${4:-}"
  [ -n "$port" ] || port="$(free_port)"; ON_LOAD=(); ON_GW=(); WRK_ENV=(MODEL=fast/bench-1)
  case "$kind" in
    server)
      local jar="$SERVER_JAR"
      # "@PATH [opts]": another build's quarkus-run.jar (e.g. the code before a change), then its JVM options
      if [[ "$opts" == @* ]]; then jar="${opts%% *}"; jar="${jar#@}"; [[ "$opts" == *" "* ]] && opts="${opts#* }" || opts=""; fi
      if [[ "$name" == pinned* ]]; then ON_GW=(taskset -c 1); ON_LOAD=(taskset -c 0); fi
      # shellcheck disable=SC2086
      "${ON_GW[@]}" "$JAVA" $opts "${PROVIDER[@]}" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -jar "$jar" >"$WORK/run.log" 2>&1 &
      PID=$!; URL="http://127.0.0.1:$port/v1/chat/completions" ;;
    portkey)
      (cd "$PORTKEY_DIR" && exec "$NODE" "$PORTKEY_JS" --port="$port" --headless) >"$WORK/run.log" 2>&1 &
      PID=$!; URL="http://127.0.0.1:$port/v1/chat/completions"; WRK_ENV=(MODEL=bench-1 "PORTKEY_UPSTREAM=$UPSTREAM") ;;
    lambda)
      # shellcheck disable=SC2086
      local hooks="" fn="$FN_DIR"; [[ "$name" == primed* ]] && hooks=1
      if [[ "$opts" == @* ]]; then # another build's function.zip
        fn="$WORK/fn-$name"; [ -d "$fn" ] || unzip -q "${opts#@}" -d "$fn"; opts=""
      fi
      if [[ "$opts" == !* ]]; then # a provided.al2023 package (deploy/lambda-aot.sh): its own bootstrap, JDK and cache
        fn="$WORK/fn-$name"; [ -d "$fn" ] || unzip -q "${opts#!}" -d "$fn"
        mkdir -p "$WORK/tmp-$name" # Lambda's /tmp: where the bootstrap copies jars whose times are not the cache's
        env AWS_LAMBDA_RUNTIME_API="127.0.0.1:$MOCK_PORT/_lambda_" TMPDIR="$WORK/tmp-$name" "$fn/bootstrap" "${PROVIDER[@]}" >"$WORK/run.log" 2>&1 &
        PID=$!; URL="http://127.0.0.1:$MOCK_PORT/v1/chat/completions"
        return
      fi
      env ${hooks:+RUN_CRAC_HOOKS=1} AWS_LAMBDA_RUNTIME_API="127.0.0.1:$MOCK_PORT/_lambda_" JAVA_TOOL_OPTIONS="$opts" \
        "$JAVA" "${PROVIDER[@]}" -cp "$fn:$fn/lib/*:$WORK/lcls" LambdaRuntimeLoop \
        io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler >"$WORK/run.log" 2>&1 &
      PID=$!; URL="http://127.0.0.1:$MOCK_PORT/v1/chat/completions" ;;
    gcf)
      local gjar="$GCF_JAR"; [[ "$opts" == @* ]] && { gjar="${opts#@}"; opts=""; }
      JAVA_TOOL_OPTIONS="$opts" "$JAVA" "${PROVIDER[@]}" -jar "$INVOKER" --classpath "$gjar" \
        --target dev.switchboard.gcp.SwitchboardFunction --port "$port" >"$WORK/run.log" 2>&1 &
      PID=$!; URL="http://127.0.0.1:$port/v1/chat/completions" ;;
  esac
}

# start_poller KIND PORT: the first-answer poller (poller.sh), running before the timed window. Until session 8 the
# wait was a curl loop that forked curl, date and sleep every ~10 ms on the same 2 CPUs as the process it timed.
start_poller() {
  local kind="$1" port="$2" hdr=()
  [ "$kind" = portkey ] && hdr=('x-portkey-provider: openai' "x-portkey-custom-host: $UPSTREAM" 'authorization: Bearer sk-bench-not-a-key')
  poller_start "$port" "$BODY" "${hdr[@]}" || exit 1
}

# first_answer KIND T0: waits for the first proxied 200; prints ms since T0
first_answer() {
  local kind="$1" t0="$2" code hdr=() ts rc=0
  if [ "$kind" != lambda ] && [ -n "${POLL_PID:-}" ]; then
    ts=$(poller_wait "$PID") || rc=$?
    [ "$rc" = 1 ] && { echo "$kind died at startup" >&2; tail -30 "$WORK/run.log" >&2; exit 1; }
    [ "$rc" = 0 ] || { echo "$kind: no answer in 180 s" >&2; exit 1; }
    echo $(( (ts - t0) / 1000000 ))
    return
  fi
  [ "$kind" = portkey ] && hdr=(-H 'x-portkey-provider: openai' -H "x-portkey-custom-host: $UPSTREAM" -H 'authorization: Bearer sk-bench-not-a-key')
  if [ "$kind" = lambda ]; then
    # init (what a SnapStart restore skips) and the first invocation after it (what priming shortens), apart
    until grep -q 'lambda-runtime-loop: init done\|lambda runtime: .* initialized' "$WORK/run.log"; do
      kill -0 "$PID" 2>/dev/null || { echo "lambda died in init" >&2; tail -30 "$WORK/run.log" >&2; exit 1; }
      sleep 0.01
    done
    local t1; t1=$(now_ns)
    echo $(( (t1 - t0) / 1000000 )) >"$WORK/init_ms"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 300 -H 'content-type: application/json' -d "$BODY" "$URL" || true)
    [ "$code" = 200 ] || { echo "lambda answered $code" >&2; tail -30 "$WORK/run.log" >&2; exit 1; }
    echo $(( ($(now_ns) - t1) / 1000000 )) >"$WORK/after_init_ms"
  else
    while :; do
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${hdr[@]}" -H 'content-type: application/json' -d "$BODY" "$URL" || true)
      [ "$code" = 200 ] && break
      kill -0 "$PID" 2>/dev/null || { echo "$kind died at startup" >&2; tail -30 "$WORK/run.log" >&2; exit 1; }
      (( ($(now_ns) - t0) / 1000000 < 180000 )) || { echo "$kind: no answer in 180 s" >&2; exit 1; }
      sleep 0.01
    done
  fi
  echo $(( ($(now_ns) - t0) / 1000000 ))
}

# wrk_run CONNS SECONDS -> "requests errors"
wrk_run() {
  env "${WRK_ENV[@]}" "${ON_LOAD[@]}" wrk -t1 -c"$1" -d"$2"s --timeout 10s -s "$LUA" "$URL" 2>&1 \
    | awk '/^RESULT/ {for (i = 2; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]} print v["requests"], v["errors"]}'
}

# one_run KIND NAME OPTS CONNS_EARLY STEADY? -> appends a raw line
one_run() {
  local kind="$1" name="$2" opts="$3" early_c="$4" steady="$5" load busy port t0 first e c0 c1 s0 s1 x0 x1 r req err eerr
  # everything before t0: the port (a python3 start here takes ~0.1 s: it was inside the timed window until
  # session 7, NOTES 14.2), the first-answer poller (NOTES 15.4) and an idle machine
  port="$(free_port)"
  [ "$kind" = lambda ] || start_poller "$kind" "$port"
  busy="$(settle)"
  load="$(load1)"
  t0=$(now_ns)
  start_variant "$kind" "$name" "$opts" "$port"
  first="$(first_answer "$kind" "$t0")"
  poller_stop
  c0="$(cpu_ticks "$PID")"
  local first_cpu=$(( c0 * 1000 / CLK_TCK ))
  read -r e eerr < <(wrk_run "$early_c" "$EARLY")
  c1="$(cpu_ticks "$PID")"
  local early_cpu=$(( (c1 - c0) * 1000 / CLK_TCK ))
  local line="$kind $name load=$load busy=$busy first_ms=$first first_cpu_ms=$first_cpu early_req=$e early_err=$eerr early_cpu_ms=$early_cpu"
  [ "$kind" = lambda ] && line="$line init_ms=$(cat "$WORK/init_ms") after_init_ms=$(cat "$WORK/after_init_ms")"
  if [ "$steady" = 1 ]; then
    wrk_run 50 "$WARMUP" >/dev/null
    s0="$(cpu_ticks "$PID")"; x0="$(ctxsw "$PID")"
    read -r req err < <(wrk_run 50 "$STEADY")
    s1="$(cpu_ticks "$PID")"; x1="$(ctxsw "$PID")"
    line="$line steady_rps=$(awk -v r="$req" -v d="$STEADY" 'BEGIN {printf "%.0f", r / d}')"
    line="$line steady_cpu_ms_req=$(awk -v c=$((s1 - s0)) -v t="$CLK_TCK" -v r="$req" 'BEGIN {printf "%.4f", r ? c * 1000 / t / r : 0}')"
    line="$line steady_ctxsw_req=$(awk -v c=$((x1 - x0)) -v r="$req" 'BEGIN {printf "%.2f", r ? c / r : 0}') steady_err=$err"
    line="$line steady_cpu_pct=$(awk -v c=$((s1 - s0)) -v t="$CLK_TCK" -v d="$STEADY" 'BEGIN {printf "%.0f", c * 100 / t / d}')"
    line="$line threads=$(ls /proc/"$PID"/task 2>/dev/null | wc -l) rss_mib=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' /proc/"$PID"/status 2>/dev/null)"
  fi
  stop_pid "$PID"
  # a JVM that rejects its -XX:AOTCache (other class path, other JVM options) starts without it, silently here
  grep -q '\[error *\]\[aot' "$WORK/run.log" && line="$line aot=REJECTED"
  echo "$line" >>"$WORK/raw.txt"
  log "$line"
}

# ---------------------------------------------------------------- AOT caches (JDK 25: JEP 483/514/515)
# train KIND OPTS OUT: one launch with -XX:AOTCacheOutput, representative traffic (chat, stream, both dialects,
# models), then a clean exit so the JVM writes the cache
train() {
  local kind="$1" opts="$2" out="$3" t0
  t0=$(now_ns)
  start_variant "$kind" train "$opts -XX:AOTCacheOutput=$out"
  first_answer "$kind" "$t0" >/dev/null
  local base="${URL%/v1/chat/completions}"
  for _ in $(seq 1 40); do
    curl -s -o /dev/null -H 'content-type: application/json' -d "$BODY" "$base/v1/chat/completions" || true
    curl -s -o /dev/null -H 'content-type: application/json' \
      -d '{"model":"fast/bench-1","stream":true,"messages":[{"role":"user","content":"hi"}]}' "$base/v1/chat/completions" || true
    curl -s -o /dev/null -H 'content-type: application/json' -H 'anthropic-version: 2023-06-01' \
      -d '{"model":"fast/bench-1","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}' "$base/v1/messages" || true
  done
  [ "$kind" = lambda ] || curl -s -o /dev/null "$base/v1/models" || true
  WRK_ENV=(MODEL=fast/bench-1); wrk_run 8 5 >/dev/null
  kill -TERM "$PID"; wait "$PID" 2>/dev/null || true
  [ -s "$out" ] || { echo "no AOT cache written for $kind" >&2; tail -20 "$WORK/run.log" >&2; exit 1; }
  log "AOT cache for $kind: $(du -h "$out" | cut -f1)"
}

# interleave CONNS STEADY "kind|name|opts"...: ROUNDS rounds, every variant once a round, the order rotated so
# that drifting machine load hits every variant alike; CONNS for the early window, STEADY 1 for the c=50 part
interleave() {
  local conns="$1" steady="$2" r i kind name opts
  shift 2
  local vs=("$@")
  for ((r = 0; r < ROUNDS; r++)); do
    for ((i = 0; i < ${#vs[@]}; i++)); do
      IFS='|' read -r kind name opts <<<"${vs[$(((i + r) % ${#vs[@]}))]}"
      one_run "$kind" "$name" "$opts" "$conns" "$steady"
    done
  done
}

# ---------------------------------------------------------------- server vs Portkey
VARIANTS=("server|shipped|")
[ "$PINNED" = 1 ] && VARIANTS+=("server|pinned|")
[ "$SINKOFF" = 1 ] && VARIANTS+=("server|sinkoff|-Dswitchboard.cost.sink=none -Dquarkus.log.level=WARN")
for v in "${EXTRA_VARIANTS[@]:-}"; do [ -n "$v" ] && VARIANTS+=("server|${v%%=*}|${v#*=}"); done
[ -n "$BEFORE_DIR" ] && VARIANTS+=("server|before|@$BEFORE_DIR/src/server/target/quarkus-app/quarkus-run.jar")
[ "$PORTKEY" = 1 ] && VARIANTS+=("portkey|portkey|")
if has server; then
  if [ "$AOT" = 1 ]; then
    # the aot-jar layout (every jar on the JVM's class path): a cache trained on the fast-jar holds only JDK classes
    AOT_JAR="$ROOT/src/server/target/aot/quarkus-run.jar"
    [ -f "$AOT_JAR" ] || { echo "no $AOT_JAR (deploy/aot-cache.sh builds it; or run without --no-build)" >&2; exit 1; }
    train server "@$AOT_JAR" "$WORK/server.aot"
    VARIANTS+=("server|aot|@$AOT_JAR -XX:AOTCache=$WORK/server.aot"
      "server|aot-c1|@$AOT_JAR -XX:AOTCache=$WORK/server.aot -XX:TieredStopAtLevel=1"
      "server|aot-short|@$AOT_JAR -XX:AOTCache=$WORK/server.aot $AOT_SHORT_OPTS")
    for v in "${AOT_VARIANTS[@]:-}"; do
      [ -n "$v" ] && VARIANTS+=("server|${v%%=*}|@$AOT_JAR -XX:AOTCache=$WORK/server.aot ${v#*=}")
    done
  fi
  interleave 8 1 "${VARIANTS[@]}"
fi

# ---------------------------------------------------------------- function packages
FNV=("default|") ; for v in "${FN_VARIANTS[@]:-}"; do [ -n "$v" ] && FNV+=("${v%%=*}|${v#*=}"); done
if has lambda; then
  FN_DIR="$WORK/function"; mkdir -p "$FN_DIR"
  unzip -q "$LAMBDA_ZIP" -d "$FN_DIR"
  # shellcheck source=lambda-mock.sh
  source "$HERE/lambda-mock.sh"
  lambda_mock_start "$FN_DIR"
  PIDS+=("$MOCK_PID")
  # primed: the CRaC hooks (SnapStart priming) at the end of init, full tiered compilation as Lambda runs java25
  # functions with SnapStart
  LV=("${FNV[@]/#/lambda|}" "lambda|primed|")
  [ -n "$BEFORE_DIR" ] && LV+=("lambda|before|@$BEFORE_DIR/src/aws-lambda/target/function.zip")
  # the managed runtimes cannot use an AOT cache (the JDK cannot archive a class path with a non-empty directory on it,
  # "Cannot have non-empty directory in paths", and Lambda's Java runtime puts /var/task, a directory, on it); the
  # java25-aot package brings its own JDK, class path and cache on provided.al2023 (deploy/lambda-aot.sh)
  if [ "$AOT" = 1 ]; then
    AOT_ZIP="$ROOT/src/aws-lambda/target/function-aot.zip"
    if [ "$BUILD" = 1 ] || [ ! -f "$AOT_ZIP" ]; then
      log "building the java25-aot Lambda package (deploy/lambda-aot.sh)"
      SKIP_BUILD=1 "$ROOT/deploy/lambda-aot.sh" >"$WORK/lambda-aot.log" 2>&1 || { tail -30 "$WORK/lambda-aot.log" >&2; exit 1; }
    fi
    unzip -q "$AOT_ZIP" -d "$WORK/fn-aot" # here, not inside the first run's timed window
    # aot-copied: as unpacked by an extraction that does not keep the zip's times (every file's time is now); the
    # bootstrap copies the jars to TMPDIR with the trained time at every launch (README, "Runtimes and start-up")
    unzip -q "$AOT_ZIP" -d "$WORK/fn-aot-copied" && find "$WORK/fn-aot-copied" -exec touch {} +
    LV+=("lambda|aot|!$AOT_ZIP" "lambda|aot-copied|!$AOT_ZIP")
  fi
  interleave 1 0 "${LV[@]}"
fi
if has gcf; then
  [ -f "$INVOKER" ] || { echo "no $INVOKER (run ./mvnw -pl src/gcp-functions -am verify once)" >&2; exit 1; }
  GV=("${FNV[@]/#/gcf|}")
  [ -n "$BEFORE_DIR" ] && GV+=("gcf|before|@$(ls "$BEFORE_DIR"/src/gcp-functions/target/deployment/*-runner.jar | head -1)")
  if [ "$AOT" = 1 ]; then train gcf "" "$WORK/gcf.aot"; GV+=("gcf|aot|-XX:AOTCache=$WORK/gcf.aot"); fi
  interleave 1 0 "${GV[@]}"
fi

# ---------------------------------------------------------------- report
DATE="$(date +%Y-%m-%d)"
OUT="$ROOT/bench/results/$DATE-serverless${LABEL:+-$LABEL}.txt"
{
  echo "Switchboard serverless speed vs Portkey — $(date -u '+%Y-%m-%d %H:%M UTC') (bench/serverless/run.sh $ARGS)"
  echo "Machine:  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs, $(uname -sr); shared with other sessions' builds"
  echo "JDK:      $("$JAVA" -version 2>&1 | sed -n 2p); node $("$NODE" --version 2>/dev/null || echo n/a), Portkey $PORTKEY_VERSION"
  echo "Commit:   $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet -- src || echo ' +uncommitted src changes')"
  echo "Method:   $ROUNDS interleaved rounds (order rotated per round); medians. first = launch -> first proxied 200"
  echo "          (server, Portkey, GCF: polled by await_answer.py, one process started before the launch; Lambda: log polled);"
  echo "          early = requests served in the ${EARLY} s after it (server/Portkey 8 connections, functions 1);"
  echo "          steady = c=50 for ${STEADY} s after ${WARMUP} s at c=50; CPU = utime+stime of the process (all threads);
          first CPU = the process's CPU from launch to the first answer (depends far less on the machine's load)"
  echo "          Server = shipped config (cost records jsonl on stdout, INFO) + provider fast; 'pinned' = gateway on CPU 1,"
  echo "          wrk on CPU 0 (a JVM that sees one CPU); everything else unpinned. Portkey: node, --headless."
  echo "          Lambda: function.zip via LambdaRuntimeLoop + Quarkus MockHttpEventServer; GCF: java-function-invoker 2.0.0."
  echo "          Before each launch the machine is let settle (< 10 % of the CPUs busy over 0.3 s, at most 20 s);"
  echo "          load = 1-min load average when the run started, busy = % of CPUs busy just before the launch."
  echo
  python3 - "$WORK/raw.txt" "$EARLY" <<'PY'
import statistics, sys, collections
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    p = line.split()
    d = dict(x.split("=", 1) for x in p[2:])
    rows.setdefault((p[0], p[1]), []).append(d)
def med(runs, k):
    v = [float(r[k]) for r in runs if k in r]
    return statistics.median(v) if v else None
def f(x, fmt="%.0f"):
    return "-" if x is None else fmt % x
print("%-8s %-10s %4s | %9s %9s | %9s %8s | %9s %10s %8s %5s | %s" % ("package", "variant", "n", "first ms", "first CPU", "early req",
      "early CPU", "c50 req/s", "CPU ms/req", "ctxsw/req", "CPU%", "load/busy at each run"))
for (kind, name), runs in rows.items():
    print("%-8s %-10s %4d | %9s %9s | %9s %8s | %9s %10s %8s %5s | %s" % (kind, name, len(runs), f(med(runs, "first_ms")), f(med(runs, "first_cpu_ms")),
          f(med(runs, "early_req")), f(med(runs, "early_cpu_ms")), f(med(runs, "steady_rps")),
          f(med(runs, "steady_cpu_ms_req"), "%.3f"), f(med(runs, "steady_ctxsw_req"), "%.1f"),
          f(med(runs, "steady_cpu_pct")), " ".join(r["load"] + ("/" + r["busy"] + "%" if "busy" in r else "") for r in runs)))
lam = [(k, r) for k, r in rows.items() if k[0] == "lambda"]
if lam:
    print("\nLambda: init = launch -> handler initialized (what a SnapStart restore skips); then the first invocation")
    print("sent after init -> answered (what priming shortens: variants named primed* ran the CRaC hooks at the end of init)")
    for (kind, name), runs in lam:
        print("  %-10s init %6s ms | first invocation after init %6s ms" % (name, f(med(runs, "init_ms")), f(med(runs, "after_init_ms"))))
pk = rows.get(("portkey", "portkey"))
if pk:
    print("\nTargets (issue 14), ratios against Portkey in this run:")
    pf, pe, ps = med(pk, "first_ms"), med(pk, "early_req"), med(pk, "steady_rps")
    for (kind, name), runs in rows.items():
        if kind != "server": continue
        fm, em, sm, cm = med(runs, "first_ms"), med(runs, "early_req"), med(runs, "steady_rps"), med(runs, "steady_cpu_ms_req")
        fc, pc = med(runs, "first_cpu_ms"), med(pk, "first_cpu_ms")
        v = lambda ok: "MET" if ok else "MISSED"
        print("  %-9s first %5.2fx Portkey (<= 1.0: %s)%s%s | early %5.2fx (>= 5: %s) | steady %5.2fx (>= 10: %s), %.3f ms CPU/req (<= 0.1: %s)" % (
            name, fm / pf, v(fm <= pf), (", %d ms (AOT <= 500: %s)" % (fm, v(fm <= 500))) if name.startswith("aot") else "",
            (", CPU to it %.2fx" % (fc / pc)) if fc and pc else "",
            em / pe, v(em >= 5 * pe), sm / ps, v(sm >= 10 * ps), cm, v(cm <= 0.1)))
PY
  echo
  echo "Raw runs:"
  sed 's/^/  /' "$WORK/raw.txt"
} >"$OUT"
cat "$OUT"
log "wrote $OUT"
