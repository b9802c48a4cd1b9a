#!/usr/bin/env bash
# bench/run.sh — Switchboard gateway overhead benchmark (not a timed test; nothing here runs in CI).
#
# What it measures (details and how to read them: bench/README.md):
#   * requests/s and p50/p99 latency of a small non-streamed POST /v1/chat/completions, at 1, 8 and 50
#     connections, direct (wrk -> upstream) and through the gateway (wrk -> gateway -> upstream);
#   * the gateway's CPU time per request (utime+stime delta of the whole JVM from /proc/<pid>/stat, divided by
#     the requests served in the same window) and its memory (VmRSS after each point, VmHWM at the end);
#   * the time from JVM launch to the first proxied 200 answer (a real chat request polled every ~10 ms);
#   and writes bench/results/<date>-overhead.txt plus bench/results/latest.txt.
#
# The upstream is bench/upstream/FastUpstream.java: a one-thread NIO server answering a fixed 283-byte chat
# completion (~50-70k requests/s on one shared core here), so it is never the bottleneck.
#
# CPU pinning (default; --no-pin turns it off): wrk and the upstream share CPU 0 (LOAD_CPU), the gateway gets
# CPU 1 (GATEWAY_CPU) alone. The direct runs use the same pinning, so "gateway - direct" is the cost of the
# extra hop and nothing else. Note that a JVM pinned to one CPU sees one processor: SerialGC, one carrier
# thread for virtual threads, a one-CPU Vert.x — like a 1-vCPU container. Results state the pinning used.
#
# Usage:  bench/run.sh [options]
#   --no-build          use the existing src/server/target/quarkus-app (default: build it first)
#   --quick             short smoke run: 5 s points, 3 s warm-up, 1 repeat, 3 startup runs
#   --duration S        measured seconds per point and repeat (default 15)
#   --warmup S          warm-up seconds before each point (default 5); the gateway also gets a global
#                       warm-up of --gateway-warmup S (default 30) at 50 connections after it starts
#   --repeats N         repeats per point; the table shows the median of each metric (default 3)
#   --conns "1 8 50"    connection counts
#   --startup-runs N    launches for the time-to-first-answer median (default 5; 0 skips it)
#   --no-pin            do not pin anything to CPUs
#   --cost-file         also write every cost record to a JSON-lines file (switchboard.cost.file)
#   --sink-off          cost sink none and log level WARN (the default is the shipped configuration: cost records
#                       as JSON lines on stdout, INFO logging; stdout goes to the gateway's log file)
#   --gateway-opts "…"  extra JVM options for the gateway (also: env GATEWAY_JAVA_OPTS)
#   --label NAME        suffix for the results file (<date>-overhead-NAME.txt); latest.txt is then not touched
#   --no-direct         skip the direct runs (for quick gateway-only experiments)
#   --nice N            run wrk, upstream and gateway at this nice value (default -10 as root, else 0): the
#                       machine may be shared, and this keeps other work from taking the benchmark's CPUs
#
# Environment: JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), LOAD_CPU (0), GATEWAY_CPU (1),
# UPSTREAM_PORT (18081), GATEWAY_PORT (18080), GATEWAY_JAR (another build to measure, e.g. a copy of an older
# src/server/target/quarkus-app; with --no-build).
# Needs: Linux /proc, taskset, curl, wrk (installed with apt-get if missing; you must be root for that).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
LOAD_CPU="${LOAD_CPU:-0}"
GATEWAY_CPU="${GATEWAY_CPU:-1}"
UPSTREAM_PORT="${UPSTREAM_PORT:-18081}"
GATEWAY_PORT="${GATEWAY_PORT:-18080}"
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:-}"

ARGS="$*"
NICE=0
[ "$(id -u)" = 0 ] && NICE=-10
BUILD=1 DURATION=15 WARMUP=5 GW_WARMUP=30 REPEATS=3 CONNS="1 8 50" STARTUP_RUNS=5 PIN=1 COST_FILE=0 SINK_OFF=0 LABEL="" DIRECT=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --quick) DURATION=5 WARMUP=3 GW_WARMUP=10 REPEATS=1 STARTUP_RUNS=3 ;;
    --duration) DURATION="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --gateway-warmup) GW_WARMUP="$2"; shift ;;
    --repeats) REPEATS="$2"; shift ;;
    --conns) CONNS="$2"; shift ;;
    --startup-runs) STARTUP_RUNS="$2"; shift ;;
    --no-pin) PIN=0 ;;
    --cost-file) COST_FILE=1 ;;
    --sink-off) SINK_OFF=1 ;;
    --gateway-opts) GATEWAY_JAVA_OPTS="$GATEWAY_JAVA_OPTS $2"; shift ;;
    --label) LABEL="$2"; shift ;;
    --no-direct) DIRECT=0 ;;
    --nice) NICE="$2"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

WORK="$(mktemp -d /tmp/switchboard-bench.XXXXXX)"
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap 'rc=$?; cleanup; [ $rc = 0 ] || echo "failed; logs kept in $WORK" >&2' EXIT
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

if [ "$PIN" = 1 ]; then
  [ "$(nproc)" -ge 2 ] || { echo "pinning needs 2 CPUs; use --no-pin" >&2; exit 2; }
  ON_LOAD=(nice -n "$NICE" taskset -c "$LOAD_CPU")
  ON_GW=(nice -n "$NICE" taskset -c "$GATEWAY_CPU")
  PINNING="wrk + upstream on CPU $LOAD_CPU, gateway alone on CPU $GATEWAY_CPU (taskset)"
else
  ON_LOAD=(nice -n "$NICE")
  ON_GW=(nice -n "$NICE")
  PINNING="none (every process on all $(nproc) CPUs)"
fi

# ---------------------------------------------------------------- 1. build, tools
cd "$ROOT"
if [ "$BUILD" = 1 ]; then
  log "building the gateway (./mvnw -q -pl src/server -am package -DskipTests)"
  ./mvnw -q -pl src/server -am package -DskipTests >"$WORK/build.log" 2>&1 || { tail -50 "$WORK/build.log" >&2; exit 1; }
fi
RUNNER="${GATEWAY_JAR:-$ROOT/src/server/target/quarkus-app/quarkus-run.jar}"
[ -f "$RUNNER" ] || { echo "no $RUNNER: run without --no-build" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq curl >/dev/null; }
mkdir -p "$WORK/upstream"
"$JAVA_HOME/bin/javac" -d "$WORK/upstream" "$BENCH/upstream/FastUpstream.java"

CLK_TCK="$(getconf CLK_TCK)"
LUA="$BENCH/wrk/chat.lua"
BODY='{"model":"fast/bench-1","messages":[{"role":"user","content":"Say hello in five words."}],"max_tokens":16}'

# ---------------------------------------------------------------- helpers
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
proc_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
# context switches of all live threads of a process (threads that exit in between are lost: approximate)
proc_ctxt() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s+0}'; }
# busy jiffies of the whole machine (user+nice+system+irq+softirq+steal)
machine_busy() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }
# CPU ticks of the JIT compiler threads of a process
jit_ticks() { local t s=0 n; for t in /proc/"$1"/task/*; do n=$(cat "$t/comm" 2>/dev/null || true); case "$n" in C1\ Compi*|C2\ Compi*) s=$((s + $(awk '{print $14+$15}' "$t/stat" 2>/dev/null || echo 0))) ;; esac; done; echo $s; }
rss_kb() { awk "/^$2:/ {print \$2}" "/proc/$1/status"; }

wait_http() { # url, seconds, [post body], [pid that must stay alive]
  local i
  for ((i = 0; i < $2 * 20; i++)); do
    if [ -n "${4:-}" ] && ! kill -0 "$4" 2>/dev/null; then
      echo "process $4 died while waiting for $1; its log:" >&2
      tail -30 "$WORK/gateway.log" >&2
      return 1
    fi
    if [ -n "${3:-}" ]; then
      [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H 'content-type: application/json' -d "$3" "$1" || true)" = 200 ] && return 0
    else
      curl -s -o /dev/null --max-time 2 "$1" && return 0
    fi
    sleep 0.05
  done
  echo "timed out waiting for $1" >&2
  return 1
}

# One wrk run; prints its RESULT line extended with the CPU and context switches of the given processes.
# args: url conns seconds pid-of-gateway-or-empty pid-of-upstream
wrk_point() {
  local url="$1" conns="$2" secs="$3" gw="$4" up="$5" out gw0 gw1 up0 up1 cs0 cs1 busy0 busy1 line reqs
  gw0=0 gw1=0 cs0=0 cs1=0
  local jit0=0 jit1=0
  [ -n "$gw" ] && { gw0=$(proc_ticks "$gw"); cs0=$(proc_ctxt "$gw"); jit0=$(jit_ticks "$gw"); }
  up0=$(proc_ticks "$up"); busy0=$(machine_busy)
  out=$("${ON_LOAD[@]}" wrk -t1 -c"$conns" -d"${secs}s" --timeout 10s -s "$LUA" "$url")
  busy1=$(machine_busy); up1=$(proc_ticks "$up")
  [ -n "$gw" ] && { gw1=$(proc_ticks "$gw"); cs1=$(proc_ctxt "$gw"); jit1=$(jit_ticks "$gw"); }
  line=$(grep '^RESULT' <<<"$out")
  reqs=$(field requests "$line")
  [ "$(field err_status "$line")" = 0 ] || { echo "non-2xx answers: $line" >&2; exit 1; }
  local wrk_secs; wrk_secs=$(field duration_s "$line")
  awk -v l="$line" -v g=$((gw1 - gw0)) -v u=$((up1 - up0)) -v b=$((busy1 - busy0)) -v c=$((cs1 - cs0)) \
      -v r="$reqs" -v t="$CLK_TCK" -v s="$wrk_secs" -v j=$((jit1 - jit0)) 'BEGIN {
    # other load: machine busy time not spent in the gateway, the upstream or wrk (~1 core at most), in cores
    printf "%s gw_cpu_ms_per_req=%.4f up_cpu_us_per_req=%.2f gw_ctxsw_per_req=%.1f machine_busy_cores=%.2f gw_jit_ms=%d\n",
      l, g * 1000 / t / r, u * 1e6 / t / r, c / r, b / t / s, j * 1000 / t }'
}

# Warm-up of one point: at least WARMUP seconds, and for the gateway, on in 5 s steps until its JIT compiler
# threads are quiet (under 1% of a core over a step; at most 120 s). A JVM that is still compiling burns CPU
# that would otherwise be charged to the requests: at one connection C2 alone can take most of the CPU for 20 s.
warm() { # url conns gw-pid-or-empty
  local url="$1" conns="$2" gw="$3" spent=0 j0 j1
  "${ON_LOAD[@]}" wrk -t1 -c"$conns" -d"${WARMUP}s" -s "$LUA" "$url" >/dev/null
  [ -n "$gw" ] || return 0
  while [ "$spent" -lt 120 ]; do
    j0=$(jit_ticks "$gw")
    "${ON_LOAD[@]}" wrk -t1 -c"$conns" -d5s -s "$LUA" "$url" >/dev/null
    j1=$(jit_ticks "$gw")
    spent=$((spent + 5))
    [ $(((j1 - j0) * 1000 / CLK_TCK)) -le 50 ] && { log "c=$conns warm: JIT quiet after $((WARMUP + spent)) s"; return 0; }
  done
  log "c=$conns warm: JIT still busy after $((WARMUP + spent)) s ($(((j1 - j0) * 1000 / CLK_TCK)) ms in the last 5 s)"
}

# Runs one point REPEATS times after a warm-up; prints "conns rps p50 p99 cpu ctxsw" medians (µs, ms).
measure() { # label url conns gw-pid up-pid
  local label="$1" url="$2" conns="$3" gw="$4" up="$5" r line
  local rps=() p50=() p99=() cpu=() cs=() upc=() busy=()
  warm "$url" "$conns" "$gw"
  for ((r = 1; r <= REPEATS; r++)); do
    line=$(wrk_point "$url" "$conns" "$DURATION" "$gw" "$up")
    echo "$label c=$conns run=$r $line" >>"$WORK/raw.txt"
    log "$label c=$conns run $r: $(field rps "$line") req/s, p50 $(field p50_us "$line") us, p99 $(field p99_us "$line") us$([ -n "$gw" ] && echo ", $(field gw_cpu_ms_per_req "$line") ms CPU/req"), machine busy $(field machine_busy_cores "$line") cores"
    rps+=("$(field rps "$line")"); p50+=("$(field p50_us "$line")"); p99+=("$(field p99_us "$line")")
    cpu+=("$(field gw_cpu_ms_per_req "$line")"); cs+=("$(field gw_ctxsw_per_req "$line")")
    upc+=("$(field up_cpu_us_per_req "$line")"); busy+=("$(field machine_busy_cores "$line")")
  done
  echo "$conns $(median "${rps[@]}") $(median "${p50[@]}") $(median "${p99[@]}") $(median "${cpu[@]}") $(median "${cs[@]}") $(median "${upc[@]}") $(median "${busy[@]}")"
}

start_gateway() { # extra JVM options...; sets GW_PID
  local cost=()
  [ "$COST_FILE" = 1 ] && cost=("-Dswitchboard.cost.file=$WORK/cost.jsonl")
  [ "$SINK_OFF" = 1 ] && cost+=(-Dswitchboard.cost.sink=none -Dquarkus.log.level=WARN)
  # shellcheck disable=SC2086
  BENCH_UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT/v1" "${ON_GW[@]}" "$JAVA" $GATEWAY_JAVA_OPTS "$@" \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$GATEWAY_PORT" -Dquarkus.config.locations="$BENCH/gateway.yaml" "${cost[@]}" \
    -jar "$RUNNER" >>"$WORK/gateway.log" 2>&1 &
  GW_PID=$!
  PIDS+=("$GW_PID")
}

stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# ---------------------------------------------------------------- 2. upstream
log "starting the upstream on :$UPSTREAM_PORT"
"${ON_LOAD[@]}" "$JAVA" -cp "$WORK/upstream" FastUpstream "$UPSTREAM_PORT" >"$WORK/upstream.log" 2>&1 &
UP_PID=$!
PIDS+=("$UP_PID")
wait_http "http://127.0.0.1:$UPSTREAM_PORT/v1/models" 30
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

declare -A DIRECT_ROW GW_ROW
if [ "$DIRECT" = 1 ]; then
  log "direct: wrk -> upstream"
  "${ON_LOAD[@]}" wrk -t1 -c50 -d"${WARMUP}s" -s "$LUA" "http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions" >/dev/null
  for c in $CONNS; do
    DIRECT_ROW[$c]="$(measure direct "http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions" "$c" "" "$UP_PID")"
  done
fi

# ---------------------------------------------------------------- 3. gateway under load
log "starting the gateway on :$GATEWAY_PORT"
start_gateway
GW_URL="http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions"
wait_http "$GW_URL" 120 "$BODY" "$GW_PID"
curl -s -D "$WORK/headers.txt" -o "$WORK/answer.json" -H 'content-type: application/json' -d "$BODY" "$GW_URL"
RSS_IDLE="$(rss_kb "$GW_PID" VmRSS)"
log "gateway warm-up: ${GW_WARMUP}s at 50 connections"
"${ON_LOAD[@]}" wrk -t1 -c50 -d"${GW_WARMUP}s" -s "$LUA" "$GW_URL" >/dev/null
RSS_AFTER=()
for c in $CONNS; do
  GW_ROW[$c]="$(measure gateway "$GW_URL" "$c" "$GW_PID" "$UP_PID")"
  RSS_AFTER+=("c=$c:$(($(rss_kb "$GW_PID" VmRSS) / 1024))MiB")
done
# the gateway's own view: x-switchboard-overhead-ms of 500 sequential requests on one connection
# shellcheck disable=SC2046
OVERHEAD_HDR=$("${ON_LOAD[@]}" curl -s -D - -H 'content-type: application/json' -d "$BODY" \
  $(for _ in $(seq 500); do printf '%s ' "$GW_URL"; done) 2>/dev/null \
  | tr -d '\r' | awk -F': ' 'tolower($1) == "x-switchboard-overhead-ms" {print $2}' | sort -g \
  | awk '{a[NR]=$1} END {if (NR) printf "p50 %.3f ms, p90 %.3f ms (n=%d)", a[int(NR*0.5)+1], a[int(NR*0.9)+1], NR}')
RSS_END="$(rss_kb "$GW_PID" VmRSS)"
HWM_END="$(rss_kb "$GW_PID" VmHWM)"
THREADS="$(ls /proc/"$GW_PID"/task | wc -l)"
stop_pid "$GW_PID"

# ---------------------------------------------------------------- 4. time to first proxied answer
STARTUPS=()
for ((i = 1; i <= STARTUP_RUNS; i++)); do
  t0=$(date +%s%N)
  start_gateway
  while :; do
    code=$("${ON_LOAD[@]}" curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H 'content-type: application/json' \
      -d "$BODY" "$GW_URL" || true)
    [ "$code" = 200 ] && break
    kill -0 "$GW_PID" 2>/dev/null || { echo "gateway died during startup run $i" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }
    (( ($(date +%s%N) - t0) / 1000000 < 120000 )) || { echo "no answer within 120 s" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  STARTUPS+=("$(((t1 - t0) / 1000000))")
  log "startup run $i: first proxied answer after ${STARTUPS[-1]} ms"
  stop_pid "$GW_PID"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- 5. report
DATE="$(date +%Y-%m-%d)"
OUT="$BENCH/results/$DATE-overhead${LABEL:+-$LABEL}.txt"
mkdir -p "$BENCH/results"
JDK="$("$JAVA" -version 2>&1 | sed -n 2p)"
JVM_FLAGS="$("${ON_GW[@]}" "$JAVA" $GATEWAY_JAVA_OPTS -XX:+PrintCommandLineFlags -version 2>&1 | head -1)"
QUARKUS="$(sed -n 's:.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
VERSION="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet -- src 2>/dev/null || echo '+uncommitted src changes')"

fmt_rps() { if [ "$1" = n/a ]; then echo n/a; else printf '%.0f' "$1"; fi; }
row() { # kind conns
  printf '%-5s' "$2"
  if [ -n "${DIRECT_ROW[$2]:-}" ]; then
    read -r _ d_rps d_p50 d_p99 _ _ d_upc _ <<<"${DIRECT_ROW[$2]}"
  else d_rps=n/a d_p50=n/a d_p99=n/a d_upc=n/a; fi
  read -r _ g_rps g_p50 g_p99 g_cpu g_cs g_upc g_busy <<<"${GW_ROW[$2]}"
  printf ' | %9s %8s %8s | %9s %8s %8s | %8s %8s | %9s %7s %6s\n' \
    "$(fmt_rps "$d_rps")" "$d_p50" "$d_p99" "$(fmt_rps "$g_rps")" "$g_p50" "$g_p99" \
    "$(awk -v a="$g_p50" -v b="$d_p50" 'BEGIN {if (b == "n/a") print "n/a"; else printf "%+d", a - b}')" \
    "$(awk -v a="$g_p99" -v b="$d_p99" 'BEGIN {if (b == "n/a") print "n/a"; else printf "%+d", a - b}')" \
    "$g_cpu" "$g_cs" "$g_busy"
}

FIRST_C="$(awk '{print $1}' <<<"$CONNS")"
read -r _ _ G1_P50 _ G1_CPU _ <<<"${GW_ROW[$FIRST_C]}"
D1_P50="$(awk '{print $3}' <<<"${DIRECT_ROW[$FIRST_C]:-x x n/a}")"
ADDED_P50_MS="$(awk -v a="$G1_P50" -v b="$D1_P50" 'BEGIN {if (b == "n/a") print "n/a"; else printf "%.3f", (a - b) / 1000}')"
CPU_ALL=()
for c in $CONNS; do CPU_ALL+=("$(awk '{print $5}' <<<"${GW_ROW[$c]}")"); done
CPU_MIN="$(printf '%s\n' "${CPU_ALL[@]}" | sort -g | head -1)"
CPU_MAX="$(printf '%s\n' "${CPU_ALL[@]}" | sort -g | tail -1)"
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {if (v == "n/a") print "n/a"; else if (v + 0 <= t) print "MET"; else print "MISSED"}'; }

{
  echo "Switchboard gateway overhead benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Command:   ${GATEWAY_JAR:+GATEWAY_JAR=$GATEWAY_JAR }bench/run.sh $ARGS" | sed 's/ *$//'
  echo
  echo "Machine:   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "Load avg:  before $LOAD_BEFORE, after $LOAD_AFTER (the machine is shared: see machine_busy in the table)"
  echo "JDK:       $JDK"
  echo "JVM flags: $JVM_FLAGS (ergonomics as the gateway sees them)"
  if [ -n "${GATEWAY_JAR:-}" ]; then
    echo "Gateway:   GATEWAY_JAR=$GATEWAY_JAR (a build given by hand, not necessarily $COMMIT), Quarkus $QUARKUS, JVM mode"
  else
    echo "Gateway:   switchboard $VERSION ($COMMIT), Quarkus $QUARKUS, quarkus-run.jar (JVM mode)"
  fi
  echo "Gateway opts: ${GATEWAY_JAVA_OPTS:-none}; config bench/gateway.yaml: provider fast (openai-compatible),"
  echo "           model fast/bench-1 with a price override, $([ "$SINK_OFF" = 1 ] && echo 'cost sink none, log level WARN (--sink-off)' || echo 'shipped defaults: cost records jsonl on stdout, log level INFO')$([ "$COST_FILE" = 1 ] && echo ' + cost file (JSON lines)')"
  echo "Upstream:  bench/upstream/FastUpstream.java (1 thread NIO, fixed 283-byte completion)"
  echo "Load:      wrk 4.1 (1 thread), POST of a 180-byte chat request (bench/wrk/chat.lua), non-streamed"
  echo "Pinning:   $PINNING; nice $NICE"
  echo "Method:    ${WARMUP}s warm-up per point, then $REPEATS x ${DURATION}s; medians of the repeats. Gateway warmed up ${GW_WARMUP}s first."
  echo
  echo "Latency in microseconds. 'added' = gateway - direct. CPU = gateway JVM utime+stime per request (all threads:"
  echo "JIT, GC included). ctxsw = gateway context switches per request. busy = whole machine busy, in cores (2 max)."
  echo
  echo "conn | direct: req/s      p50      p99 | gateway: req/s   p50      p99 | added p50  p99 | CPU ms/req  ctxsw   busy"
  echo "-----+-------------------------------+-------------------------------+----------------+------------------------"
  for c in $CONNS; do row x "$c"; done
  echo
  echo "Upstream CPU per request (µs, direct runs): $(for c in $CONNS; do printf 'c=%s %s  ' "$c" "$(awk '{print $7}' <<<"${DIRECT_ROW[$c]:-x x x x x x n/a}")"; done)"
  echo "Gateway memory: VmRSS idle after start $((RSS_IDLE / 1024)) MiB; after each point ${RSS_AFTER[*]}; at end $((RSS_END / 1024)) MiB; VmHWM $((HWM_END / 1024)) MiB; $THREADS threads"
  echo "Gateway's own x-switchboard-overhead-ms (500 sequential requests, after the load): ${OVERHEAD_HDR:-n/a}"
  echo "Time from JVM launch to first proxied 200 answer: median $(median "${STARTUPS[@]:-}") ms over ${STARTUP_RUNS} runs (${STARTUPS[*]:-none} ms; gateway $([ "$PIN" = 1 ] && echo "on CPU $GATEWAY_CPU" || echo unpinned), poll every ~10 ms)"
  echo
  echo "Targets:"
  echo "  added p50 latency at $FIRST_C connection(s) <= 0.100 ms: $ADDED_P50_MS ms -> $(verdict "$ADDED_P50_MS" 0.1)"
  echo "  gateway CPU per request <= 0.100 ms: $G1_CPU ms at $FIRST_C connection(s), $CPU_MIN..$CPU_MAX ms across points -> $(verdict "$CPU_MAX" 0.1) (worst point), $(verdict "$CPU_MIN" 0.1) (best point)"
  echo
  echo "Raw runs:"
  sed 's/^/  /' "$WORK/raw.txt"
} >"$OUT"
[ -z "$LABEL" ] && cp "$OUT" "$BENCH/results/latest.txt"
cat "$OUT"
log "wrote $OUT"
rm -rf "$WORK"
