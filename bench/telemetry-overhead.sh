#!/usr/bin/env bash
# bench/telemetry-overhead.sh — telemetry off vs on (OTLP/HTTP to a local sink, every request sampled), interleaved
# so that a busy shared machine weighs on both alike. Wraps bench/run.sh (gateway only, no direct runs, no startup
# runs); writes bench/results/<date>-overhead-telemetry-{off,on}-<n>.txt and prints the load before each run.
# Usage: bench/telemetry-overhead.sh [rounds (default 2)] [extra bench/run.sh options, e.g. --quick]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ROUNDS="${1:-2}"; shift || true
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
SINK_PORT="${SINK_PORT:-14318}"
"$JAVA_HOME/bin/java" "$ROOT/bench/otlp/OtlpSink.java" "$SINK_PORT" > /tmp/otlp-sink.log 2>&1 &
SINK=$!
trap 'kill $SINK 2>/dev/null || true' EXIT
OFF="-Dswitchboard.telemetry.prometheus.enabled=false"
ON="-Dquarkus.otel.exporter.otlp.endpoint=http://127.0.0.1:$SINK_PORT -Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf -Dquarkus.otel.exporter.otlp.metrics.protocol=http/protobuf"
for i in $(seq 1 "$ROUNDS"); do
  for mode in off on; do
    opts="$OFF"; [ "$mode" = on ] && opts="$ON"
    echo "== round $i telemetry $mode; load: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$ROOT/bench/run.sh" --no-build --no-direct --startup-runs 0 --label "telemetry-$mode-$i" --gateway-opts "$opts" "$@"
  done
done
