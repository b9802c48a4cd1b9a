#!/usr/bin/env bash
# Train a JDK AOT cache (JEP 483/514/515, JDK 25+) for the local server: packages the server as Quarkus's aot-jar into
# src/server/target/aot (the fast-jar in target/quarkus-app is left alone) and writes src/server/target/aot/app.aot.
# Run the server with it on the SAME JDK build and the same directory (from src/server/target/aot):
#
#   java -XX:AOTCache=app.aot -jar quarkus-run.jar        a long-lived server
#   java -XX:AOTCache=app.aot -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
#        -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining -Dorg.jboss.logging.provider=jboss -jar quarkus-run.jar
#                                                         short-lived instances on 1-2 CPUs (bench/NOTES.md 13.1)
#
# Why the aot-jar: the fast-jar loads application classes with Quarkus's own class loader, which the JDK does not
# archive, so a cache trained on it holds only the JDK's classes; the aot-jar puts every jar on the JVM's class path
# (bench/NOTES.md 10.8: CPU to the first answer 5.0 s plain, 2.5 s with an aot-jar cache).
#
# The training run starts the packaged server with -XX:AOTCacheOutput against a loopback upstream
# (bench/upstream/FastUpstream.java, no provider is called, no key is used) with telemetry on, OTLP/HTTP to a loopback
# collector (so a start with an OTLP endpoint finds the OpenTelemetry classes in the cache too; gRPC export's are not),
# sends what the integration tests send most — chat and stream in both dialects, model listing, health — and stops
# it; the JVM writes the cache at exit.
# The cache holds the classes loaded and linked and the method profiles of that run: real providers over TLS add
# classes it does not hold (they load as without a cache). A cache that does not match (other JDK, other jars) is
# ignored with a warning, never wrong. SKIP_BUILD=1 reuses the existing package. AOT_TRAIN_OPTS adds JVM options to the
# training run and AOT_CACHE names the cache file (default app.aot): a run with options that change the module graph
# needs a cache trained with the same ones, e.g. a JFR profile of a cached start (-XX:StartFlightRecording adds the
# jdk.jfr module; against a cache trained without it the JVM drops the whole cache and profiles a cache-less start):
#   SKIP_BUILD=1 AOT_CACHE=jfr.aot AOT_TRAIN_OPTS='-XX:StartFlightRecording=filename=/tmp/train.jfr' deploy/aot-cache.sh
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(repo_root)
cd "$root"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
"$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCacheOutput || die "$java has no -XX:AOTCacheOutput (needs JDK 25 or later)"
require_cli curl "Install curl."

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  JAVA_HOME="$JAVA_HOME" ./mvnw -B -q -pl src/server -am package -DskipTests \
    -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory="$root/src/server/target/aot"
fi
app="$root/src/server/target/aot"
[[ -f "$app/quarkus-run.jar" ]] || die "$app/quarkus-run.jar was not built"

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
start_training_upstream "$work"
start_training_collector "$work"

gw=$(free_port)
cache="${AOT_CACHE:-app.aot}"
rm -f "$app/$cache"
# from inside quarkus-app, with a relative jar path: the same class path the run command uses
# shellcheck disable=SC2086
(cd "$app" && exec "$java" ${AOT_TRAIN_OPTS:-} $otlp_opts -XX:AOTCacheOutput="$cache" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$gw" \
  -Dswitchboard.providers.train.type=openai-compatible "-Dswitchboard.providers.train.base-url=http://127.0.0.1:$up/v1" \
  -jar quarkus-run.jar) >"$work/server.log" 2>&1 &
server=$!
pids+=("$server")
base="http://127.0.0.1:$gw"
for _ in $(seq 1 600); do
  curl -s -o /dev/null -f "$base/health/live" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; die "the server exited during training"; }
  sleep 0.1
done
send_training_traffic "$base" 200
curl -s -o /dev/null "$base/health/ready"
kill -TERM "$server"
wait "$server" 2>/dev/null || true
[[ -s "$app/$cache" ]] || { tail -20 "$work/server.log" >&2; die "no AOT cache was written"; }
echo "wrote $app/$cache ($(du -h "$app/$cache" | cut -f1)); run: cd $app && java -XX:AOTCache=$cache -jar quarkus-run.jar"
echo "short-lived instances: add -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining -Dorg.jboss.logging.provider=jboss"
