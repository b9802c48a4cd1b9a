#!/usr/bin/env bash
# launch Portkey (as bench/serverless/run.sh does) -> first proxied 200; wall ms + process CPU ms
set -euo pipefail
: "${UP_PORT:?}"
D=/tmp/switchboard-portkey
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
body='{"model":"bench-1","messages":[{"role":"user","content":"Say hello in five words."}],"max_tokens":16}'
cd $D
t0=$(date +%s%N)
node $D/node_modules/@portkey-ai/gateway/build/start-server.js --port=$port --headless >/tmp/floor/portkey.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H 'x-portkey-provider: openai' -H "x-portkey-custom-host: http://127.0.0.1:$UP_PORT/v1" -H 'authorization: Bearer sk-bench-not-a-key' -H 'content-type: application/json' -d "$body" http://127.0.0.1:$port/v1/chat/completions)" = 200 ]; do
  kill -0 $pid 2>/dev/null || { echo died >&2; exit 1; }
  sleep 0.01
done
tck=$(getconf CLK_TCK)
echo "first_ms=$((($(date +%s%N) - t0) / 1000000)) cpu_ms=$(awk -v t="$tck" '{print ($14 + $15) * 1000 / t}' /proc/$pid/stat) load=$(cut -d' ' -f1 /proc/loadavg)"
