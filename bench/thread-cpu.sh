#!/usr/bin/env bash
# bench/thread-cpu.sh — CPU per request of each JVM thread group (not a test; nothing here runs in CI).
# Starts bench/upstream/FastUpstream.java and bench/otlp/OtlpSink.java (port 14318) on CPU 0 and one JVM per spec on
# CPU 1, warms each until its JIT is quiet, then ROUNDS rounds load each in turn with wrk (chat.lua) and reads
# utime+stime of every thread (/proc/<pid>/task/*/stat) before and after: µs of CPU per request by thread name
# (digits folded), medians over the rounds. Run it under `flock /work/wt/bench.lock`.
# Usage: bench/thread-cpu.sh "name|jar|jvm options|path" ...   env: ROUNDS (3) SECS (8) CONNS (8) LUA SHIPPED (0)
#        UPSTREAM_OPTS (JVM options of FastUpstream, e.g. "-Dtokens=100 -Dchunks=100" with LUA=bench/wrk/chat-app.lua)
# Gateways run with cost sink none and log WARN unless SHIPPED=1: then with the shipped defaults (cost records as
# JSON lines on stdout, redirected to a file; INFO logging). The first output line says which.
# e.g.   bench/thread-cpu.sh "off|$JAR|-Dswitchboard.telemetry.prometheus.enabled=false|/v1/chat/completions" \
#          "on|$JAR|-Dquarkus.otel.exporter.otlp.endpoint=http://127.0.0.1:14318 -Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf|/v1/chat/completions"
set -euo pipefail
JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; JAVA=$JAVA_HOME/bin/java
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROUNDS=${ROUNDS:-3} SECS=${SECS:-8} CONNS=${CONNS:-8}
LUA=${LUA:-$BENCH/wrk/chat.lua}
W=$(mktemp -d /tmp/thread-cpu.XXXX); PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
. $BENCH/otlp/backends.sh
SHIPPED_DEFAULT=0; . $BENCH/otlp/gateways.sh "$@"
echo "mode: $MODE; workload: $(basename $LUA) ${STREAM:+STREAM=$STREAM }${DELAY_MS:+DELAY_MS=$DELAY_MS }${UPSTREAM_OPTS:-}"
jit() { local s=0; for t in /proc/$1/task/*; do case "$(cat $t/comm)" in C1\ Compi*|C2\ Compi*) s=$((s+$(awk '{print $14+$15}' $t/stat)));; esac; done; echo $s; }
for n in "${names[@]}"; do taskset -c 0 wrk -t1 -c8 -d20s -s $LUA ${URL[$n]} >/dev/null
  for i in $(seq 1 24); do j0=$(jit ${PID[$n]}); taskset -c 0 wrk -t1 -c$CONNS -d5s -s $LUA ${URL[$n]} >/dev/null; j1=$(jit ${PID[$n]}); echo "warm $n jit=$((j1-j0))" >&2; [ $((j1-j0)) -le 5 ] && break; done; done
snap() { for t in /proc/$1/task/*; do c=$(tr ' ' '_' <$t/comm); awk -v c="$c" '{print c, $14, $15}' $t/stat; done 2>/dev/null; }
for r in $(seq 1 $ROUNDS); do
  for n in "${names[@]}"; do
    snap ${PID[$n]} >$W/a; out=$(taskset -c 0 wrk -t1 -c$CONNS -d${SECS}s -s $LUA ${URL[$n]} | grep ^RESULT); snap ${PID[$n]} >$W/b
    req=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$out")
    echo "round=$r $n load1=$(cut -d' ' -f1 /proc/loadavg) $out" >>$W/raw
    # group names: strip digits
    python3 - $W/a $W/b $req $n $r >>$W/threads <<'PY'
import sys,re,collections
def rd(f):
    d=collections.Counter()
    for l in open(f):
        c,u,s=l.split(); d[re.sub(r'[0-9#]+','N',c)]+=int(u)+int(s)
    return d
a,b=rd(sys.argv[1]),rd(sys.argv[2]); n=int(sys.argv[3])
tot=0
for k in sorted(b, key=lambda k:-(b[k]-a.get(k,0))):
    d=b[k]-a.get(k,0)
    if d>0: print(sys.argv[5], sys.argv[4], k, "%.2f"%(d*10000/n)); tot+=d   # ticks 10ms -> us per req
print(sys.argv[5], sys.argv[4], "TOTAL", "%.2f"%(tot*10000/n))
PY
  done
done
cat $W/raw
echo
python3 - $W/threads <<'PY'
import sys,collections,statistics
d=collections.defaultdict(list)
for l in open(sys.argv[1]):
    r,n,k,v=l.split(); d[(n,k)].append(float(v))
names=sorted({n for n,k in d}); keys=sorted({k for n,k in d}, key=lambda k:-max(statistics.median(d.get((n,k),[0])) for n in names))
print("%-22s"%"thread (us CPU/req)"+"".join("%12s"%n for n in names))
for k in keys: print("%-22s"%k+"".join("%12.2f"%statistics.median(d.get((n,k),[0])) for n in names))
PY
