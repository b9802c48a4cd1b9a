#!/usr/bin/env bash
# bench/hotpath/ab.sh — interleaved A/B of gateway builds (hot-path work, bench/NOTES.md §11.2); not a test.
# Usage: ab.sh ROUNDS "name=QUARKUS_APP_DIR|JVM opts" ...   (needs FastUpstream on 127.0.0.1:19181, wrk, jstat)
# Per launch: first proxied 200 (wall ms, process CPU ms), requests in the 10 s after it at c=8 (early), then
# WARM s (default 15) at c=50 and 10 s at c=50 measured: req/s, p50, process CPU ms/req, heap KB/req (GC log +
# jstat, as bench/telemetry-overhead.sh), context switches/req. Shipped config (bench/gateway.yaml), unpinned.
set -u
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"; J=$JAVA_HOME/bin/java
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; LUA=$ROOT/bench/wrk/chat.lua; P=19180; URL=http://127.0.0.1:$P/v1/chat/completions
TCK=$(getconf CLK_TCK); ROUNDS=$1; shift
ticks() { awk '{print $14+$15}' /proc/$1/stat; }
ctx() { local s=0; for t in /proc/$1/task/*/status; do s=$((s + $(awk '/ctxt_switches/ {n+=$2} END {print n}' $t 2>/dev/null || echo 0))); done; echo $s; }
allocated_kb() { local used gcs
  read -r used gcs < <($JAVA_HOME/bin/jstat -gc "$1" | awk 'NR == 2 {print $3 + $4 + $6 + $8, $13 + $15}')
  for ((w = 0; w < 40 && gcs > 0; w++)); do grep -q "GC($((gcs - 1))) Pause" "$2" && break; sleep 0.05; done
  sed -n 's/.*GC(\([0-9]*\)) Pause.* \([0-9]*[KMG]\)->\([0-9]*[KMG]\)(.*/\1 \2 \3/p' "$2" | awk -v used="$used" -v n="$gcs" '
    function kb(x) { u = substr(x, length(x)); v = substr(x, 1, length(x) - 1) + 0; return u == "G" ? v * 1048576 : (u == "M" ? v * 1024 : v) }
    $1 < n { freed += kb($2) - kb($3) } END { printf "%d\n", freed + used }'; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
BODY='{"model":"fast/bench-1","messages":[{"role":"user","content":"hi"}],"max_tokens":16}'
for ((r=1; r<=ROUNDS; r++)); do
 for spec in "$@"; do
  name=${spec%%=*}; rest=${spec#*=}; dir=${rest%%|*}; opts=${rest#*|}
  gc=${TMPDIR:-/tmp}/gc-$name.log; rm -f $gc
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s%N)
  BENCH_UPSTREAM_URL=http://127.0.0.1:19181/v1 $J $opts -Xlog:gc:file=$gc -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$P -Dquarkus.config.locations=$ROOT/bench/gateway.yaml -jar $dir/quarkus-run.jar > ${TMPDIR:-/tmp}/gw-$name.log 2>&1 &
  pid=$!
  until curl -sf -o /dev/null -X POST -H 'content-type: application/json' -d "$BODY" $URL; do sleep 0.01; done
  first=$(( ($(date +%s%N)-t0)/1000000 )); fc=$(( $(ticks $pid)*1000/TCK ))
  c0=$(ticks $pid); out=$(wrk -t1 -c8 -d10s -s $LUA $URL | grep RESULT); c1=$(ticks $pid)
  early=$(field requests "$out"); ecpu=$(( (c1-c0)*1000/TCK ))
  wrk -t1 -c50 -d${WARM:-15}s -s $LUA $URL >/dev/null
  c0=$(ticks $pid); a0=$(allocated_kb $pid $gc); x0=$(ctx $pid)
  out=$(wrk -t1 -c50 -d10s -s $LUA $URL | grep RESULT)
  c1=$(ticks $pid); a1=$(allocated_kb $pid $gc); x1=$(ctx $pid)
  n=$(field requests "$out")
  echo "$name r=$r load=$load first_ms=$first first_cpu=$fc early=$early early_cpu=$ecpu rps=$(field rps "$out") p50=$(field p50_us "$out") cpu_ms_req=$(awk -v a=$c0 -v b=$c1 -v n=$n -v t=$TCK 'BEGIN{printf "%.4f",(b-a)*1000/t/n}') kb_req=$(awk -v a=$a0 -v b=$a1 -v n=$n 'BEGIN{printf "%.1f",(b-a)/n}') cs_req=$(awk -v a=$x0 -v b=$x1 -v n=$n 'BEGIN{printf "%.2f",(b-a)/n}')"
  kill $pid; wait $pid 2>/dev/null
 done
done
