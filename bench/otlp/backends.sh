# Sourced by bench/thread-cpu.sh, bench/paired-cpu.sh, bench/otlp/ap-profile.sh and
# bench/serverless/first-answer-pairs.sh (needs JAVA_HOME, JAVA, BENCH, W and the array PIDS): FastUpstream on 18081
# (options UPSTREAM_OPTS) and the OTLP/HTTP sink on 14318, both on CPU 0, their pids in PIDS.
# Refuses taken ports: an upstream or sink left running would answer in place of the pinned ones (bench/NOTES.md §17).
for port in 18081 14318; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "port $port is taken: stop what holds it first" >&2; exit 1; fi
done
mkdir -p $W/up; $JAVA_HOME/bin/javac -d $W/up $BENCH/upstream/FastUpstream.java
taskset -c 0 $JAVA ${UPSTREAM_OPTS:-} -cp $W/up FastUpstream 18081 >$W/up.log 2>&1 & PIDS+=($!)
taskset -c 0 $JAVA $BENCH/otlp/OtlpSink.java 14318 >$W/sink.log 2>&1 & PIDS+=($!)
