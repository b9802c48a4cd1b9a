#!/usr/bin/env bash
# bench/telemetry-overhead.sh — telemetry variants side by side in one run (not a test; nothing here runs in CI).
#
# Starts one upstream (bench/upstream/FastUpstream.java), one OTLP/HTTP sink (bench/otlp/OtlpSink.java) and one
# gateway per variant, all at once, each gateway on its own port and all of them on the same CPU. Each gateway is
# warmed up until its JIT is quiet; then ROUNDS rounds load each gateway in turn (the order rotates every round) at
# each connection count for SECS seconds. A busy shared machine thus weighs on every variant alike. Per point: the
# gateway JVM's CPU time per request (utime+stime of all its threads, /proc/<pid>/stat), the heap it allocated per
# request (GC log + jstat; steady whatever the machine's load) and wrk's p50; the summary
# gives each variant's median over the rounds and its difference to the first variant ("off").
#
# Usage: bench/telemetry-overhead.sh [--rounds N (3)] [--secs S (10)] [--conns "1 8"] [--variants "off on ..."]
#        [--label NAME]
# Variants (JVM options on top of bench/gateway.yaml):
#   off       no OTLP endpoint, Prometheus off: the OpenTelemetry SDK is disabled (the functions' default)
#   prom      no OTLP endpoint, Prometheus on (/q/metrics): metrics recorded, no spans
#   prom-lean as prom, without Quarkus's own HTTP server and JVM metrics (quarkus.otel.instrument.*-metrics=false)
#   on        OTLP/HTTP to the sink, every request sampled, the build's default instrumentation: server span,
#             attempt span, GenAI metrics (and Quarkus's HTTP server / JVM metrics where the build has them on)
#   on-quarkus-metrics  as "on" with Quarkus's HTTP server and JVM metrics forced on
#   on-lean   as "on" with Quarkus's HTTP server and JVM metrics forced off
#   on-no-server-span   as "on-lean" without a server span (the attempt spans become roots): on builds before
#                       Switchboard made its own server span (ServerSpans) this turns Quarkus's off; on later
#                       builds it keeps Quarkus's off and the variant is the same as "on-lean"
#   on-quarkus-span     as "on" with Quarkus's Vert.x HTTP server span instead of Switchboard's own
#                       (quarkus.otel.instrument.vertx-http=true, which turns ServerSpans off)
#   on-no-exemplars     as "on" with metric exemplars off (quarkus.otel.metrics.exemplar.filter=always_off)
#   on-exemplars        as "on" with exemplars forced back to the SDK's default (trace_based)
#   on-immutable        as "on" with spans encoded by a marshaler tree per batch, as Quarkus does
#                       (quarkus.otel.java.exporter.memory_mode=immutable_data; the default is reusable_data)
#   on-batch-2048       as "on" with 4× fewer, larger exports (quarkus.otel.bsp.max.export.batch.size=2048,
#                       quarkus.otel.bsp.max.queue.size=8192; the defaults are 512 and 2048)
# A variant written NAME@alt runs NAME's options on the build in $ALT_JAR (a quarkus-run.jar), e.g. the code before a
# change: "on@alt on" compares two builds side by side.
# JFR=variant records a JFR profile (settings=profile) of that variant's gateway to $JFR_FILE (default /tmp/<variant>.jfr)
# for the whole run; it slows that variant, so never read its numbers against the others.
# SHIPPED=1 runs every gateway with the shipped defaults instead of "cost sink none, log WARN": cost records as JSON
# lines on stdout (redirected to a file, as a container's log driver would take them) and INFO logging. The label
# gets a "-shipped" suffix and the header says which.
# Writes bench/results/<date>-telemetry-overhead[-NAME].txt (needs a packaged src/server/target/quarkus-app).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
ROUNDS=3 SECS=10 CONNS="1 8" VARIANTS="off prom prom-lean on on-lean on-no-server-span" LABEL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift ;;
    --secs) SECS="$2"; shift ;;
    --conns) CONNS="$2"; shift ;;
    --variants) VARIANTS="$2"; shift ;;
    --label) LABEL="$2"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
if [ "${SHIPPED:-0}" = 1 ]; then
  MODE="shipped defaults: cost records on stdout (to a file), log INFO"; MODE_OPTS=""; LABEL="${LABEL:+$LABEL-}shipped"
else
  MODE="cost sink none, log WARN"; MODE_OPTS="-Dswitchboard.cost.sink=none -Dquarkus.log.level=WARN"
fi
LOAD_CPU="${LOAD_CPU:-0}" GATEWAY_CPU="${GATEWAY_CPU:-1}"
UPSTREAM_PORT="${UPSTREAM_PORT:-18081}" SINK_PORT="${SINK_PORT:-14318}" FIRST_PORT="${FIRST_PORT:-18090}"
RUNNER="${GATEWAY_JAR:-$ROOT/src/server/target/quarkus-app/quarkus-run.jar}"
[ -f "$RUNNER" ] || { echo "no $RUNNER: ./mvnw -pl src/server -am package -DskipTests first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
WORK="$(mktemp -d /tmp/switchboard-tele.XXXXXX)"
PIDS=()
trap 'for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
log() { echo "[tele $(date +%H:%M:%S)] $*" >&2; }
CLK_TCK="$(getconf CLK_TCK)"
LUA="$BENCH/wrk/chat.lua"
BODY='{"model":"fast/bench-1","messages":[{"role":"user","content":"hi"}],"max_tokens":16}'
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
jit_ticks() { local t s=0 n; for t in /proc/"$1"/task/*; do n=$(cat "$t/comm" 2>/dev/null || true); case "$n" in C1\ Compi*|C2\ Compi*) s=$((s + $(awk '{print $14+$15}' "$t/stat" 2>/dev/null || echo 0))) ;; esac; done; echo $s; }
# Heap bytes allocated by a JVM since its start, at this moment: the sum over its GC log of what each collection
# freed, plus what is in use now (jstat). Unlike CPU time, this does not grow when the machine is busy.
allocated_kb() { # pid gc-log
  local used gcs
  read -r used gcs < <("$JAVA_HOME/bin/jstat" -gc "$1" | awk 'NR == 2 {print $3 + $4 + $6 + $8, $13 + $15}')
  # the log line of the newest collection may not be written yet: without it, what it freed would be missed
  for ((w = 0; w < 40 && gcs > 0; w++)); do grep -q "GC($((gcs - 1))) Pause" "$2" && break; sleep 0.05; done
  sed -n 's/.*GC(\([0-9]*\)) Pause.* \([0-9]*[KMG]\)->\([0-9]*[KMG]\)(.*/\1 \2 \3/p' "$2" | awk -v used="$used" -v n="$gcs" '
    function kb(x) { u = substr(x, length(x)); v = substr(x, 1, length(x) - 1) + 0; return u == "G" ? v * 1048576 : (u == "M" ? v * 1024 : v) }
    $1 < n { freed += kb($2) - kb($3) }
    END { printf "%d\n", freed + used }'
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

OTLP="-Dquarkus.otel.exporter.otlp.endpoint=http://127.0.0.1:$SINK_PORT -Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf -Dquarkus.otel.exporter.otlp.metrics.protocol=http/protobuf"
LEAN="-Dquarkus.otel.instrument.http-server-metrics=false -Dquarkus.otel.instrument.jvm-metrics=false"
QUARKUS_METRICS="-Dquarkus.otel.instrument.http-server-metrics=true -Dquarkus.otel.instrument.jvm-metrics=true"
opts() {
  case "${1%@alt}" in
    off) echo "-Dswitchboard.telemetry.prometheus.enabled=false" ;;
    prom) echo "-Dswitchboard.telemetry.prometheus.enabled=true" ;;
    prom-lean) echo "-Dswitchboard.telemetry.prometheus.enabled=true $LEAN" ;;
    on) echo "$OTLP -Dswitchboard.telemetry.prometheus.enabled=false" ;;
    on-quarkus-metrics) echo "$OTLP -Dswitchboard.telemetry.prometheus.enabled=false $QUARKUS_METRICS" ;;
    on-lean) echo "$OTLP -Dswitchboard.telemetry.prometheus.enabled=false $LEAN" ;;
    on-no-server-span) echo "$OTLP -Dswitchboard.telemetry.prometheus.enabled=false $LEAN -Dquarkus.otel.instrument.vertx-http=false" ;;
    on-no-exemplars) echo "$OTLP -Dswitchboard.telemetry.prometheus.enabled=false -Dquarkus.otel.metrics.exemplar.filter=always_off" ;;
    on-immutable) echo "$OTLP -Dswitchboard.telemetry.prometheus.enabled=false -Dquarkus.otel.java.exporter.memory_mode=immutable_data" ;;
    on-batch-2048) echo "$OTLP -Dswitchboard.telemetry.prometheus.enabled=false -Dquarkus.otel.bsp.max.export.batch.size=2048 -Dquarkus.otel.bsp.max.queue.size=8192" ;;
    on-quarkus-span) echo "$OTLP -Dswitchboard.telemetry.prometheus.enabled=false -Dquarkus.otel.instrument.vertx-http=true" ;;
    on-exemplars) echo "$OTLP -Dswitchboard.telemetry.prometheus.enabled=false -Dquarkus.otel.metrics.exemplar.filter=trace_based" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

mkdir -p "$WORK/up"
"$JAVA_HOME/bin/javac" -d "$WORK/up" "$BENCH/upstream/FastUpstream.java"
taskset -c "$LOAD_CPU" "$JAVA" -cp "$WORK/up" FastUpstream "$UPSTREAM_PORT" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
taskset -c "$LOAD_CPU" "$JAVA" "$BENCH/otlp/OtlpSink.java" "$SINK_PORT" >"$WORK/sink.log" 2>&1 &
PIDS+=($!)

declare -A PID PORT
port=$FIRST_PORT
for v in $VARIANTS; do
  # shellcheck disable=SC2046
  BENCH_UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT/v1" taskset -c "$GATEWAY_CPU" "$JAVA" $(opts "$v") \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dquarkus.config.locations="$BENCH/gateway.yaml" \
    $MODE_OPTS -Xlog:gc:file="$WORK/gc-$v.log" \
    $([ "${JFR:-}" = "$v" ] && echo "-XX:StartFlightRecording=filename=${JFR_FILE:-/tmp/$v.jfr},settings=profile") \
    -jar "$([ "${v%@alt}" != "$v" ] && echo "${ALT_JAR:?ALT_JAR for $v}" || echo "$RUNNER")" >"$WORK/gw-$v.log" 2>&1 &
  PID[$v]=$! PORT[$v]=$port
  PIDS+=($!)
  port=$((port + 1))
done
for v in $VARIANTS; do
  url="http://127.0.0.1:${PORT[$v]}/v1/chat/completions"
  for ((i = 0; i < 2400; i++)); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H 'content-type: application/json' -d "$BODY" "$url" || true)" = 200 ] && break
    kill -0 "${PID[$v]}" 2>/dev/null || { echo "gateway $v died:" >&2; tail -20 "$WORK/gw-$v.log" >&2; exit 1; }
    sleep 0.05
  done
done
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for v in $VARIANTS; do
  url="http://127.0.0.1:${PORT[$v]}/v1/chat/completions"
  log "warming $v"
  taskset -c "$LOAD_CPU" wrk -t1 -c8 -d20s -s "$LUA" "$url" >/dev/null
  for c in $CONNS; do
    for ((s = 0; s < 120; s += 5)); do
      j0=$(jit_ticks "${PID[$v]}")
      taskset -c "$LOAD_CPU" wrk -t1 -c"$c" -d5s -s "$LUA" "$url" >/dev/null
      [ $((($(jit_ticks "${PID[$v]}") - j0) * 1000 / CLK_TCK)) -le 50 ] && break
    done
  done
done

: >"$WORK/raw.txt"
set -- $VARIANTS
N=$#
for ((r = 1; r <= ROUNDS; r++)); do
  order=()
  for ((k = 0; k < N; k++)); do idx=$(((k + r - 1) % N + 1)); order+=("${!idx}"); done
  for v in "${order[@]}"; do
    url="http://127.0.0.1:${PORT[$v]}/v1/chat/completions"
    for c in $CONNS; do
      a0=$(allocated_kb "${PID[$v]}" "$WORK/gc-$v.log")
      g0=$(ticks "${PID[$v]}")
      out=$(taskset -c "$LOAD_CPU" wrk -t1 -c"$c" -d"${SECS}s" -s "$LUA" "$url" | grep '^RESULT')
      g1=$(ticks "${PID[$v]}")
      a1=$(allocated_kb "${PID[$v]}" "$WORK/gc-$v.log")
      [ "$(field err_status "$out")" = 0 ] || { echo "non-2xx from $v: $out" >&2; exit 1; }
      n=$(field requests "$out")
      cpu=$(awk -v g=$((g1 - g0)) -v n="$n" -v t="$CLK_TCK" 'BEGIN {printf "%.4f", g * 1000 / t / n}')
      kb=$(awk -v a=$((a1 - a0)) -v n="$n" 'BEGIN {printf "%.1f", a / n}')
      line="round=$r variant=$v conns=$c load1=$(cut -d' ' -f1 /proc/loadavg) rps=$(field rps "$out") p50_us=$(field p50_us "$out") p99_us=$(field p99_us "$out") cpu_ms_per_req=$cpu alloc_kb_per_req=$kb"
      echo "$line" >>"$WORK/raw.txt"
      log "$line"
    done
  done
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
RSS=""
for v in $VARIANTS; do RSS="$RSS $v=$(($(awk '/^VmRSS:/ {print $2}' "/proc/${PID[$v]}/status") / 1024))MiB"; done

OUT="$BENCH/results/$(date +%Y-%m-%d)-telemetry-overhead${LABEL:+-$LABEL}.txt"
{
  echo "Switchboard telemetry overhead, variants side by side — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Command:  $([ "${SHIPPED:-0}" = 1 ] && echo "SHIPPED=1 ")bench/telemetry-overhead.sh --rounds $ROUNDS --secs $SECS --conns \"$CONNS\" --variants \"$VARIANTS\""
  [ -n "${ALT_JAR:-}" ] && echo "Alt:      variants NAME@alt run $ALT_JAR${ALT_DESC:+ ($ALT_DESC)}"
  echo "Gateway:  $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet -- src 2>/dev/null || echo '+uncommitted'), quarkus-run.jar, $MODE; all gateways on CPU $GATEWAY_CPU, wrk+upstream+sink on CPU $LOAD_CPU"
  echo "Machine:  $(nproc) CPUs; load average before $LOAD_BEFORE, after $LOAD_AFTER (shared machine; load1 at each point in the raw lines)"
  echo "Request:  non-streamed chat completion (bench/wrk/chat.lua); OTLP/HTTP to bench/otlp/OtlpSink.java, sampler parentbased_always_on"
  echo "RSS at end:$RSS"
  echo
  printf '%-20s %5s | %12s %8s | %11s %8s | %9s %8s\n' variant conns "CPU ms/req" "vs off" "alloc KB/req" "vs off" "p50 µs" "vs off"
  for c in $CONNS; do
    base_cpu="" base_p50="" base_kb=""
    for v in $VARIANTS; do
      pick() { grep " variant=$v conns=$c " "$WORK/raw.txt" | sed "s/.* $1=\([^ ]*\).*/\1/"; }
      mapfile -t cpus < <(pick cpu_ms_per_req)
      mapfile -t kbs < <(pick alloc_kb_per_req)
      mapfile -t p50s < <(pick p50_us)
      mc=$(median "${cpus[@]}") mk=$(median "${kbs[@]}") mp=$(median "${p50s[@]}")
      [ -z "$base_cpu" ] && base_cpu=$mc base_p50=$mp base_kb=$mk
      pct() { awk -v a="$1" -v b="$2" 'BEGIN {print (a - b) * 100 / b}'; }
      printf '%-20s %5s | %12.4f %+7.1f%% | %11.1f %+7.1f%% | %9.0f %+7.1f%%\n' "$v" "$c" \
        "$mc" "$(pct "$mc" "$base_cpu")" "$mk" "$(pct "$mk" "$base_kb")" "$mp" "$(pct "$mp" "$base_p50")"
    done
  done
  echo
  echo "Medians over $ROUNDS rounds of ${SECS}s per point. Raw points:"
  sed 's/^/  /' "$WORK/raw.txt"
} >"$OUT"
cat "$OUT"
rm -rf "$WORK"
