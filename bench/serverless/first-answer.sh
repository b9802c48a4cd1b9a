#!/usr/bin/env bash
# bench/serverless/first-answer.sh JAR [JVM options...] — one launch of a packaged server (quarkus-run.jar of a
# fast-jar or aot-jar directory) to its first proxied 200, against an upstream already listening on $UP_PORT
# (bench/upstream/FastUpstream.java). Prints wall ms, the process's CPU ms to that point (utime+stime, all threads:
# on a shared machine the figure that depends least on the load) and the load; THREADS=N also prints the N threads
# that used most CPU (main thread vs JIT compilers). Runs from the jar's directory with a relative jar path, as an
# AOT cache trained by deploy/aot-cache.sh expects. When the JVM rejects the -XX:AOTCache it was given (it then starts
# without it, e.g. -XX:StartFlightRecording against a cache trained without JFR: bench/NOTES.md 12.1), the line ends
# with "aot=REJECTED" and the JVM's reason goes to stderr. A benchmark helper, not a test.
set -euo pipefail
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
JAR="$1"; shift
: "${UP_PORT:?set UP_PORT to a running FastUpstream}"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
body='{"model":"fast/bench-1","messages":[{"role":"user","content":"Say hello in five words."}],"max_tokens":16}'
log="${LOG:-$(mktemp)}"
# the poller starts before t0 and costs microseconds per try (bench/NOTES.md 15.4; it was a curl loop until session 8)
# shellcheck source=poller.sh
source "$(dirname "$0")/poller.sh"
poller_start "$port" "$body" || exit 1
cd "$(dirname "$JAR")"
t0=$(date +%s%N)
"$JAVA" "$@" -Dswitchboard.providers.fast.type=openai-compatible \
  "-Dswitchboard.providers.fast.base-url=http://127.0.0.1:$UP_PORT/v1" \
  '-Dswitchboard.pricing.overrides."fast/bench-1".input-per-mtok=0.15' \
  '-Dswitchboard.pricing.overrides."fast/bench-1".output-per-mtok=0.60' \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -jar "$(basename "$JAR")" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; poller_stop' EXIT
rc=0
answered=$(poller_wait $pid) || rc=$?
[ "$rc" = 1 ] && { echo "server died; log: $log" >&2; tail -20 "$log" >&2; exit 1; }
[ "$rc" = 0 ] || { echo "no answer in 180 s; log: $log" >&2; exit 1; }
tck=$(getconf CLK_TCK)
line="first_ms=$(((answered - t0) / 1000000)) cpu_ms=$(awk -v t="$tck" '{print ($14 + $15) * 1000 / t}' /proc/$pid/stat) load=$(cut -d' ' -f1 /proc/loadavg)"
if grep -q '\[error *\]\[aot' "$log"; then line="$line aot=REJECTED"; grep -m3 '\[error *\]\[aot' "$log" >&2; fi
echo "$line"
if [ -n "${THREADS:-}" ]; then
  for t in /proc/$pid/task/*; do echo "  $(awk -v k="$tck" '{print ($14 + $15) * 1000 / k}' "$t/stat") ms $(cat "$t/comm")"; done \
    | sort -rn -k1 | head -"$THREADS"
fi
