#!/usr/bin/env bash
# bench/otlp/ap-profile.sh NAME "JVM OPTIONS" — an async-profiler CPU profile of one gateway under wrk (not a test).
# Starts FastUpstream and OtlpSink on CPU 0 and the gateway (JAR, default the server build) on CPU 1, loads it WARM
# seconds (60), attaches async-profiler (AP: its libasyncProfiler.so; CPU at 200 us unless EVENT), profiles SECS (20) of load and writes
# OUT/NAME.collapsed and OUT/NAME.result (the wrk RESULT line). Summarise with bench/otlp/ap-telemetry.py. Run under flock.
set -euo pipefail
JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; JAVA=$JAVA_HOME/bin/java
BENCH="$(cd "$(dirname "$0")/.." && pwd)"; JAR=${JAR:-$BENCH/../src/server/target/quarkus-app/quarkus-run.jar}
AP=${AP:?path of libasyncProfiler.so}; OUT=${OUT:-.}
# EVENT: async-profiler's event and its rate; e.g. EVENT="event=alloc,alloc=64k" samples allocations (collapsed
# stacks then weigh bytes allocated, not CPU samples: the profile is written with "total")
EVENT=${EVENT:-event=cpu,interval=200us}
LUA=${LUA:-$BENCH/wrk/chat.lua}
W=$(mktemp -d /tmp/prof.XXXX); PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
. $BENCH/otlp/backends.sh
BENCH_UPSTREAM_URL=http://127.0.0.1:18081/v1 taskset -c 1 $JAVA $2 -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=18090 \
    -Dquarkus.config.locations=$BENCH/gateway.yaml -jar $JAR >$W/gw.out 2>$W/gw.err & GP=$!; PIDS+=($GP)
URL=http://127.0.0.1:18090/v1/chat/completions
for i in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H 'content-type: application/json' -d '{"model":"fast/bench-1","messages":[{"role":"user","content":"hi"}],"max_tokens":16}' $URL || true)" = 200 ] && break; sleep 0.1; done
taskset -c 0 wrk -t1 -c8 -d${WARM:-60}s -s $LUA $URL >/dev/null
$JAVA_HOME/bin/jcmd $GP JVMTI.agent_load $AP "\"start,$EVENT\"" >/dev/null
taskset -c 0 wrk -t1 -c8 -d10s -s $LUA $URL >/dev/null   # settle after attach
$JAVA_HOME/bin/jcmd $GP JVMTI.agent_load $AP '"stop"' >/dev/null || true
$JAVA_HOME/bin/jcmd $GP JVMTI.agent_load $AP "\"start,$EVENT\"" >/dev/null
out=$(taskset -c 0 wrk -t1 -c8 -d${SECS:-20}s -s $LUA $URL | grep ^RESULT)
$JAVA_HOME/bin/jcmd $GP JVMTI.agent_load $AP "\"stop,file=$OUT/$1.collapsed,collapsed$(case $EVENT in *alloc*) echo ,total;; esac)\"" >/dev/null
echo "$1 $out" | tee $OUT/$1.result
