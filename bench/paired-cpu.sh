#!/usr/bin/env bash
# bench/paired-cpu.sh — CPU per request of two or more gateways loaded AT THE SAME TIME (not a test; not run in CI).
# Why: on this VM a JVM's CPU per request drifts by tens of percent between runs minutes apart (bench/NOTES.md §17),
# so sequential rounds cannot resolve a few percent. Here every gateway runs on the same CPU (1) while one wrk per
# gateway loads it (CPU 0, with FastUpstream and OtlpSink): whatever slows the machine in a round slows all of them
# alike, and each round gives a ratio to the first gateway. CPU is the sum over the JVM's threads of
# /proc/<pid>/task/*/schedstat (ns on CPU; JIT, GC and exporter threads included), requests are wrk's count.
# Usage: bench/paired-cpu.sh "name|jar|jvm options|path" ...   (the first is the baseline of the ratios)
#   env: ROUNDS (10) SECS (6) CONNS (4 per gateway) LUA SHIPPED (1) UPSTREAM_OPTS WARM (20 s, then until JIT-quiet)
# Gateways run with the shipped defaults (cost records as JSON lines on stdout into a file, INFO) unless SHIPPED=0
# (cost sink none, WARN). Run it under `flock /work/wt/bench.lock`.
set -euo pipefail
JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; JAVA=$JAVA_HOME/bin/java
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROUNDS=${ROUNDS:-10} SECS=${SECS:-6} CONNS=${CONNS:-4}
LUA=${LUA:-$BENCH/wrk/chat.lua}
W=$(mktemp -d /tmp/paired-cpu.XXXX); PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
. $BENCH/otlp/backends.sh
SHIPPED_DEFAULT=1; . $BENCH/otlp/gateways.sh "$@"
echo "mode: $MODE; workload: $(basename $LUA) ${STREAM:+STREAM=$STREAM }${DELAY_MS:+DELAY_MS=$DELAY_MS }${UPSTREAM_OPTS:-}; $ROUNDS rounds x ${SECS}s, $CONNS connections per gateway, all gateways at once on CPU 1"
# ns on CPU of every thread of a JVM, "thread-name ns" per line (threads that ended in between are not counted)
snap() { local t; for t in /proc/$1/task/*; do echo "$(tr ' ' '_' <$t/comm 2>/dev/null) $(cut -d' ' -f1 $t/schedstat 2>/dev/null)"; done; }
# ns on CPU per thread group (digits in thread names folded to N) between two snaps: "group ns" per line
delta() {
  python3 - "$1" "$2" <<'PY'
import sys,re,collections
def rd(f):
    d=collections.Counter()
    for l in open(f):
        p=l.split()
        if len(p)==2: d[re.sub(r'[0-9#]+','N',p[0])]+=int(p[1])
    return d
a,b=rd(sys.argv[1]),rd(sys.argv[2])
for k in b:
    if b[k]-a[k]>0: print(k,b[k]-a[k])
PY
}
# JIT share (%) of a JVM's CPU between two snaps
jit_share() { delta "$1" "$2" | awk '{t+=$2} /^CN_Comp/ {j+=$2} END {print int(100*j/(t>0?t:1))}'; }
load_all() {   # $1 seconds, $2 tag: one wrk per gateway, all at once; RESULT lines to $W/$2-<name>
  local ps=()
  for n in "${names[@]}"; do taskset -c 0 wrk -t1 -c$CONNS -d${1}s -s $LUA ${URL[$n]} >$W/$2-$n 2>&1 & ps+=($!); done
  wait "${ps[@]}"
}
# warm together (the JIT of one must not run while the others are measured), until every JIT is quiet
load_all ${WARM:-20} warm
for i in $(seq 1 ${WARM_MAX:-40}); do
  for n in "${names[@]}"; do snap ${PID[$n]} >$W/j0-$n; done
  load_all 5 warm; quiet=1
  for n in "${names[@]}"; do snap ${PID[$n]} >$W/j1-$n; d=$(jit_share $W/j0-$n $W/j1-$n); echo "warm $i $n jit=$d%" >&2; [ $d -le 2 ] || quiet=0; done
  [ $quiet = 1 ] && break
done
echo "warm-up: $((${WARM:-20} + 5*i)) s, JIT at most 2 % of each JVM's CPU in the last 5 s: $([ $quiet = 1 ] && echo yes || echo NO)"
for r in $(seq 1 $ROUNDS); do
  for n in "${names[@]}"; do snap ${PID[$n]} >$W/c0-$n-$r; done
  load_all $SECS r$r
  for n in "${names[@]}"; do snap ${PID[$n]} >$W/c1-$n-$r; done
  for n in "${names[@]}"; do
    out=$(grep ^RESULT $W/r$r-$n)
    echo "$r $n $out" >>$W/raw
    req=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$out"); p50=$(sed -n 's/.*p50_us=\([0-9]*\).*/\1/p' <<<"$out")
    delta $W/c0-$n-$r $W/c1-$n-$r | awk -v r=$r -v n=$n -v req=$req -v p50=$p50 '{print r, n, $1, $2, req, p50}' >>$W/rows
  done
done
cat $W/raw; echo
python3 - $W/rows "${names[@]}" <<'PY'
import sys,collections,statistics as st
rows=collections.defaultdict(dict); groups=collections.defaultdict(lambda: collections.defaultdict(dict))
for l in open(sys.argv[1]):
    r,n,k,ns,req,p50=l.split(); r=int(r)
    c,_,_=rows[r].get(n,(0,0,0)); rows[r][n]=(c+int(ns)/1000/int(req), int(req), int(p50))
    groups[k][n][r]=int(ns)/1000/int(req)
names=sys.argv[2:]; base=names[0]
def q(v,p): v=sorted(v); k=(len(v)-1)*p; i=int(k); return v[i]+(v[min(i+1,len(v)-1)]-v[i])*(k-i)
print("round  "+"".join("%16s"%("%s us/req"%n) for n in names)+"".join("%14s"%("%s/%s"%(n,base)) for n in names[1:]))
for r in sorted(rows):
    print("%5d  "%r+"".join("%16.2f"%rows[r][n][0] for n in names)+"".join("%14.4f"%(rows[r][n][0]/rows[r][base][0]) for n in names[1:]))
print()
for n in names:
    us=[rows[r][n][0] for r in rows]; req=[rows[r][n][1] for r in rows]; p50=[rows[r][n][2] for r in rows]
    line="%-10s CPU us/req median %.2f (min %.2f max %.2f)  requests/round median %d  p50 median %d us"%(n,st.median(us),min(us),max(us),st.median(req),st.median(p50))
    if n!=base:
        rat=[rows[r][n][0]/rows[r][base][0] for r in rows]
        line+="\n           vs %s: ratio median %+.2f %%  (quartiles %+.2f .. %+.2f %%, min %+.2f, max %+.2f %%; %d of %d rounds above)"%(
            base,(st.median(rat)-1)*100,(q(rat,.25)-1)*100,(q(rat,.75)-1)*100,(min(rat)-1)*100,(max(rat)-1)*100,sum(x>1 for x in rat),len(rat))
    print(line)
print()
print("%-22s"%"thread (us CPU/req, median)"+"".join("%12s"%n for n in names))
med=lambda k,n: st.median([groups[k][n].get(r,0) for r in rows])
for k in sorted(groups, key=lambda k:-max(med(k,n) for n in names)):
    if max(med(k,n) for n in names) >= 0.05: print("%-22s"%k[:22]+"".join("%12.2f"%med(k,n) for n in names))
PY
