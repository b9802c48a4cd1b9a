# Sourced by bench/thread-cpu.sh and bench/paired-cpu.sh after otlp/backends.sh (needs JAVA, BENCH, W, PIDS, and
# SHIPPED_DEFAULT, their default for SHIPPED), with the gateway specs as arguments ("name|jar|jvm options|path" ...):
# sets MODE/MODE_OPTS (SHIPPED=1: the shipped defaults, cost records on stdout into the gateway's log file, INFO;
# otherwise cost sink none and WARN), starts one gateway JVM per spec on CPU 1 (ports 18090, 18091, ...) against
# FastUpstream, fills names (in order), PID[name], URL[name] and PIDS, and returns once each answers a chat request.
if [ "${SHIPPED:-$SHIPPED_DEFAULT}" = 1 ]; then MODE="shipped defaults: cost records on stdout (to a file), log INFO"; MODE_OPTS=""
else MODE="cost sink none, log WARN"; MODE_OPTS="-Dswitchboard.cost.sink=none -Dquarkus.log.level=WARN"; fi
declare -A PID URL; names=(); port=18090
for spec in "$@"; do
  IFS='|' read -r name jar opts path <<<"$spec"
  BENCH_UPSTREAM_URL=http://127.0.0.1:18081/v1 taskset -c 1 $JAVA $opts -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$port \
    -Dquarkus.config.locations=$BENCH/gateway.yaml $MODE_OPTS -jar $jar >$W/gw-$name.log 2>&1 &
  PID[$name]=$! URL[$name]=http://127.0.0.1:$port$path; PIDS+=($!); names+=($name); port=$((port+1))
done
for n in "${names[@]}"; do
  for i in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H 'content-type: application/json' -d '{"model":"fast/bench-1","messages":[{"role":"user","content":"hi"}],"max_tokens":16}' ${URL[$n]} || true)" = 200 ] && break; sleep 0.1; done
done
