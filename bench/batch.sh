#!/usr/bin/env bash
# bench/batch.sh — batch engine throughput and memory (a benchmark, not a test; nothing here runs in CI).
#
# Runs a generated N-line OpenAI batch file (default 50,000) through the command-line runner
# (`quarkus-run.jar batch <in.jsonl> <outdir>`: the real engine, gateway, cost records and local checkpoints)
# against the project's emulator started on a loopback port, and reports:
#   * wall time and lines/s of the whole run (validation, every line, checkpoint per line, output assembly);
#   * the runner's peak RSS (VmHWM via /usr/bin/time -v, or /proc polling when GNU time is absent);
#   * the exit code and the summary's request_counts.
# Writes bench/results/<date>-batch.txt and bench/results/batch-latest.txt.
#
# Usage: bench/batch.sh [--no-build] [--lines N] [--concurrency C] [--heap 512m]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LINES=50000
CONCURRENCY=16
HEAP=512m
BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --lines) LINES=$2; shift ;;
    --concurrency) CONCURRENCY=$2; shift ;;
    --heap) HEAP=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH=$JAVA_HOME/bin:$PATH
APP=$ROOT/src/server/target/quarkus-app
if [[ $BUILD == 1 ]]; then
  (cd "$ROOT" && ./mvnw -q -o -pl src/server -am package -DskipTests)
fi

WORK=$(mktemp -d /tmp/switchboard-batch-bench.XXXXXX)
trap 'kill "$EMU_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
java -cp "$APP/lib/main/*" dev.switchboard.emulator.EmulatorMain --http-port "$PORT" \
  > "$WORK/emulator.log" 2>&1 &
EMU_PID=$!
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 0.1
done

python3 - "$LINES" > "$WORK/in.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"custom_id": f"line-{i}", "method": "POST", "url": "/v1/chat/completions",
                      "body": {"model": "emu/emulator-1",
                               "messages": [{"role": "user", "content": f"benchmark line {i}: say hello"}]}}))
PY
SIZE=$(stat -c %s "$WORK/in.jsonl")

RUN=(java -Xmx"$HEAP" -Dswitchboard.providers.emu.type=openai-compatible
     -Dswitchboard.providers.emu.base-url="http://127.0.0.1:$PORT/v1"
     -Dswitchboard.batch.concurrency="$CONCURRENCY" -Dswitchboard.cost.sink=none
     -Dswitchboard.cost.file="$WORK/costs.jsonl"
     -jar "$APP/quarkus-run.jar" batch "$WORK/in.jsonl" "$WORK/out")
START=$(date +%s.%N)
set +e
if /usr/bin/time -v true 2>/dev/null; then
  /usr/bin/time -v "${RUN[@]}" > "$WORK/summary.json" 2> "$WORK/runner.err"
  CODE=$?
  PEAK_KB=$(grep 'Maximum resident set size' "$WORK/runner.err" | awk '{print $NF}')
else
  "${RUN[@]}" > "$WORK/summary.json" 2> "$WORK/runner.err" &
  PID=$!
  PEAK_KB=0
  while kill -0 "$PID" 2>/dev/null; do
    for p in $(pgrep -P "$PID") "$PID"; do
      v=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
      [[ -n "$v" && "$v" -gt "$PEAK_KB" ]] && PEAK_KB=$v
    done
    sleep 0.2
  done
  wait "$PID"; CODE=$?
fi
set -e
END=$(date +%s.%N)

SECS=$(python3 -c "print(round($END - $START, 2))")
RATE=$(python3 -c "print(round($LINES / ($END - $START)))")
COUNTS=$(python3 -c "import json,sys; d=json.load(open('$WORK/summary.json')); print(json.dumps(d.get('request_counts')))" 2>/dev/null || echo "?")
RECORDS=$(wc -l < "$WORK/costs.jsonl" 2>/dev/null || echo 0)
mkdir -p "$ROOT/bench/results"
OUT=$ROOT/bench/results/$(date -u +%F)-batch.txt
{
  echo "# bench/batch.sh — $(date -u +%FT%TZ), $(nproc) CPUs (shared; load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "# java: $(java -version 2>&1 | head -1); -Xmx$HEAP; switchboard.batch.concurrency=$CONCURRENCY"
  echo "lines:            $LINES ($SIZE bytes)"
  echo "exit code:        $CODE"
  echo "request_counts:   $COUNTS"
  echo "cost records:     $RECORDS"
  echo "wall time:        ${SECS} s (JVM start to exit, validation and output assembly included)"
  echo "throughput:       ${RATE} lines/s"
  echo "peak RSS:         $((PEAK_KB / 1024)) MB"
} | tee "$OUT"
cp "$OUT" "$ROOT/bench/results/batch-latest.txt"
