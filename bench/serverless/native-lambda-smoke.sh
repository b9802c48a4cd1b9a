#!/usr/bin/env bash
# Smoke test of the NATIVE Lambda package (provided.al2023 function.zip: bootstrap + runner) without AWS: the
# runner polls Quarkus's mock Lambda event server (AWS_LAMBDA_RUNTIME_API), which turns a plain HTTP chat request
# into an API Gateway v2 event; the chat goes to bench/upstream/FastUpstream.java. Prints the time from launch
# to the first answer. Used by .github/workflows/native.yml; not run on the build machine (no GraalVM there).
#
#   bench/serverless/native-lambda-smoke.sh JVM_FUNCTION_ZIP NATIVE_FUNCTION_ZIP
# The JVM zip only supplies the mock event server's libraries.
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,8p' "$0"; exit 2; }
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:?set JAVA_HOME}"
M2="${M2_REPO:-$HOME/.m2/repository}"
Q="$(sed -n 's:.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done' EXIT

mkdir -p "$WORK/jvm" "$WORK/native" "$WORK/up"
unzip -q "$1" -d "$WORK/jvm"
unzip -q "$2" -d "$WORK/native"
[ -f "$WORK/native/bootstrap" ] && [ -f "$WORK/native/runner" ] || { echo "not a native Lambda zip (no bootstrap + runner)" >&2; exit 1; }
chmod +x "$WORK/native/bootstrap" "$WORK/native/runner"
"$JAVA_HOME/bin/javac" -d "$WORK/up" "$ROOT/bench/upstream/FastUpstream.java"
UP_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
"$JAVA_HOME/bin/java" -cp "$WORK/up" FastUpstream "$UP_PORT" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
# shellcheck source=lambda-mock.sh
source "$ROOT/bench/serverless/lambda-mock.sh"
lambda_mock_start "$WORK/jvm"
PIDS+=("$MOCK_PID")

t0=$(date +%s%N)
# the runner directly (bootstrap only execs it), with the bench provider as system properties
(cd "$WORK/native" && AWS_LAMBDA_RUNTIME_API="127.0.0.1:$MOCK_PORT/_lambda_" exec ./runner \
  -Dswitchboard.providers.fast.type=openai-compatible "-Dswitchboard.providers.fast.base-url=http://127.0.0.1:$UP_PORT/v1") \
  >"$WORK/native.log" 2>&1 &
PIDS+=($!)
code=$(curl -s -o "$WORK/answer.json" -w '%{http_code}' --max-time 120 -H 'content-type: application/json' \
  -d '{"model":"fast/bench-1","messages":[{"role":"user","content":"hi"}]}' "http://127.0.0.1:$MOCK_PORT/v1/chat/completions" || true)
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
if [ "$code" != 200 ] || ! grep -q '"chat.completion"' "$WORK/answer.json"; then
  echo "native Lambda smoke FAILED: HTTP $code" >&2; cat "$WORK/answer.json" >&2 || true; tail -50 "$WORK/native.log" >&2; exit 1
fi
echo "native Lambda: launch -> first invocation answered in $ms ms"
