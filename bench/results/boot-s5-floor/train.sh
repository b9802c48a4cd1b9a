#!/usr/bin/env bash
# train.sh DIR: AOT cache for a floor app (like deploy/aot-cache.sh: same dir, relative jar path)
set -euo pipefail
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
dir=$1; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cd "$dir"; rm -f app.aot
"$JAVA" -XX:AOTCacheOutput=app.aot -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$port \
  "-Dswitchboard.providers.fast.base-url=http://127.0.0.1:$UP_PORT/v1" -jar quarkus-run.jar > train.log 2>&1 &
pid=$!
body='{"model":"fast/bench-1","messages":[{"role":"user","content":"hi"}],"max_tokens":16}'
until curl -s -o /dev/null -f -H 'content-type: application/json' -d "$body" http://127.0.0.1:$port/v1/chat/completions; do sleep 0.1; done
for i in $(seq 1 400); do curl -s -o /dev/null -H 'content-type: application/json' -d "$body" http://127.0.0.1:$port/v1/chat/completions; done
kill -TERM $pid; wait $pid || true
ls -la app.aot
