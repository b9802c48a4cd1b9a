#!/usr/bin/env bash
# Build the Lambda package of terraform/aws runtime = "java25-aot": the function on Lambda's provided.al2023 with its own
# JDK 25 (jlink) and a JDK AOT cache (JEP 483/514/515) trained here, so a cold instance loads and links its classes
# from the cache instead of from 200 jars. Writes src/aws-lambda/target/function-aot.zip:
#
#   bootstrap   what provided.al2023 runs: cd app && exec ../jre/bin/java -XX:AOTCache=app.aot <short-life options>
#               -cp switchboard-aws-lambda-runner.jar dev.switchboard.aws.runtime.LambdaRuntime (from a copy of the
#               jars in /tmp if the extraction did not keep the times the cache recorded; see below)
#   jre/        the JDK 25 runtime image (jlink; the modules jdeps finds, plus the few it cannot see)
#   app/        the same runner jar and lib/ as function.zip, and app.aot
#
# Why a package of its own (README, "Runtimes and start-up per cloud"): on the managed java21/java25 runtimes the class
# path holds /var/task, a directory, which the JDK refuses to archive; and the cache is tied to the exact JDK build that
# trained it, which a managed runtime updates under the function. Here the JDK ships inside the package and the cache is
# trained on it, in the layout Lambda extracts (relative paths from app/). No SnapStart on provided.al2023: every cold
# start runs the init, from the cache (bench/NOTES.md 14.x has the measured difference).
#
# Training: the package itself, started through its bootstrap against Quarkus's mock Lambda event server and a loopback
# upstream (bench/upstream/FastUpstream.java; no provider is called, no key is used), with SnapStart priming run once
# after init (every provider mapping the package carries, Bedrock through the SDK, against priming's own loopback
# server) and IT-like events (chat and stream in both dialects, models, an unknown model); at exit the JVM writes
# app/app.aot. A cache that does not match (other JDK, changed jars) is ignored with an "[error][aot]" line on stderr
# (CloudWatch) and the function starts without it: slower, never wrong.
#
# SKIP_BUILD=1 reuses src/aws-lambda/target (the runner jar and lib/ of `./mvnw -pl src/aws-lambda -am package`).
# JAVA_HOME must be a JDK 25 (jlink, -XX:AOTCacheOutput) for the architecture the function runs on (x86_64 here).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(repo_root)
cd "$root"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
java="$JAVA_HOME/bin/java"
"$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCacheOutput || die "$java has no -XX:AOTCacheOutput (needs JDK 25 or later)"
[[ -x "$JAVA_HOME/bin/jlink" && -x "$JAVA_HOME/bin/jdeps" ]] || die "$JAVA_HOME has no jlink/jdeps (a full JDK is needed)"
require_cli curl "Install curl."
require_cli zip "Install zip."

target="$root/src/aws-lambda/target"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q -pl src/aws-lambda -am package -DskipTests
fi
runner=$(ls "$target"/*-runner.jar 2>/dev/null | head -1)
[[ -f "$runner" && -d "$target/lib" ]] || die "no runner jar and lib/ in $target (run without SKIP_BUILD=1)"

stage="$target/aot-stage"
rm -rf "$stage" "$target/function-aot.zip"
mkdir -p "$stage/app"
cp "$runner" "$stage/app/switchboard-aws-lambda-runner.jar"
cp -r "$target/lib" "$stage/app/lib"

# the runtime image: the modules jdeps sees the function use, plus those reached only by reflection or service loading
# (JNDI DNS for the JDK's resolver, zipfs, jdk.net socket options, PKCS#11); not javac (jdk.compiler: a library
# references it, nothing runs it, and it is 20 MB of the 250 MB Lambda allows unpacked)
modules=$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 -q \
  --class-path "$stage/app/lib/*" "$stage/app/switchboard-aws-lambda-runner.jar")
modules=$(tr ',' '\n' <<<"$modules,java.logging,java.management,jdk.unsupported,jdk.zipfs,jdk.net,jdk.naming.dns,jdk.crypto.cryptoki" \
  | grep -vx 'jdk.compiler' | sort -u | paste -sd, -)
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-java-debug-attributes \
  --strip-native-debug-symbols=exclude-debuginfo-files \
  --no-man-pages --no-header-files --output "$stage/jre"

cat >"$stage/bootstrap" <<'EOF'
#!/bin/sh
# provided.al2023 entry point of Switchboard's java25-aot package (deploy/lambda-aot.sh). The AOT cache was trained from
# app/ with these relative paths and this JDK; JAVA_TOOL_OPTIONS (terraform jvm_options) is added by the JVM itself.
# Arguments (Lambda passes none) are JVM options: the training run's and the benchmark's providers.
# C1 only, SerialGC, no replay of the training run's compilations: the short-life policy of bench/NOTES.md 13.1; the
# JBoss Logging provider named, which skips a service lookup that opens every jar (bench/NOTES.md 14.2).
root=$(cd "$(dirname "$0")" && pwd) || exit 1
cd "$root/app" || exit 1
# The JDK uses the cache only if every jar still has the modification time it had in training (bench/NOTES.md 14.1);
# otherwise it starts without it, about a second slower. The zip carries those times; should an extraction not keep
# them, the jars (43 MB; ~0.1-0.2 s) are copied to /tmp, which Lambda lets a function write, given the trained time,
# and the JVM runs from the copy with the cache it would otherwise refuse. Not during training (SWITCHBOARD_AOT_OPTS).
trained=@TRAINED_MTIME@
stale=
if [ -z "${SWITCHBOARD_AOT_OPTS:-}" ]; then
  for t in $(stat -c %Y switchboard-aws-lambda-runner.jar lib/*); do [ "$t" = "$trained" ] || stale=1; done
fi
if [ -n "$stale" ]; then
  copy="${TMPDIR:-/tmp}/switchboard-aot-app"
  if rm -rf "$copy" && mkdir -p "$copy" && cp -R switchboard-aws-lambda-runner.jar lib "$copy/" \
      && touch -d "@$trained" "$copy/switchboard-aws-lambda-runner.jar" "$copy"/lib/*; then
    echo "switchboard bootstrap: the jars' modification times are not the AOT cache's; running from a copy in $copy" >&2
    cd "$copy" || exit 1
  else
    echo "switchboard bootstrap: could not copy the jars to $copy; starting without the AOT cache" >&2
  fi
fi
exec "$root/jre/bin/java" ${SWITCHBOARD_AOT_OPTS:--XX:AOTCache=$root/app/app.aot} \
  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining \
  -XX:MaxRAMPercentage=60 --enable-native-access=ALL-UNNAMED -Dorg.jboss.logging.provider=jboss "$@" \
  -cp switchboard-aws-lambda-runner.jar dev.switchboard.aws.runtime.LambdaRuntime
EOF
chmod 755 "$stage/bootstrap"

# The JDK checks each jar's size and modification time against the cache (a changed time: "timestamp has changed",
# the cache is not used). Every file gets one fixed time (the commit's, to the even second: a zip entry's DOS time has
# 2-second steps) before training, and the zip carries it in UTC (its extended-timestamp field), so an unzip that
# restores times gives the jars the times the cache recorded. Whether Lambda's extraction restores them is not
# documented and cannot be checked here: the bootstrap knows the time and copies the jars to /tmp when it differs.
ts=$(( $(git log -1 --format=%ct 2>/dev/null || date +%s) / 2 * 2 ))
sed -i "s/@TRAINED_MTIME@/$ts/" "$stage/bootstrap"
find "$stage" -exec touch -h -d "@$ts" {} +

# ---- training
WORK=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
start_training_upstream "$WORK/up"
start_training_collector "$WORK/up"
M2="${M2_REPO:-$HOME/.m2/repository}"
Q=$(sed -n 's:.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*:\1:p' pom.xml | head -1)
[[ -n "$Q" ]] || die "no quarkus.platform.version in pom.xml"
# shellcheck source=../bench/serverless/lambda-mock.sh
source bench/serverless/lambda-mock.sh
lambda_mock_start "$stage/app"
pids+=("$MOCK_PID")

# telemetry on (OTLP/HTTP to a loopback collector), so that a function deployed with otlp_endpoint also finds the
# OpenTelemetry classes in the cache (deploy/lib.sh, start_training_collector)
# shellcheck disable=SC2086
SWITCHBOARD_AOT_OPTS="-XX:AOTCacheOutput=app.aot" SWITCHBOARD_AOT_TRAINING=true \
  AWS_LAMBDA_RUNTIME_API="127.0.0.1:$MOCK_PORT/_lambda_" AWS_LAMBDA_FUNCTION_NAME=switchboard-aot-training \
  "$stage/bootstrap" $otlp_opts -Dswitchboard.providers.train.type=openai-compatible \
  "-Dswitchboard.providers.train.base-url=http://127.0.0.1:$up/v1" >"$WORK/function.log" 2>&1 &
fn=$!
pids+=("$fn")
for _ in $(seq 1 1200); do
  grep -q 'lambda runtime: .* initialized' "$WORK/function.log" && break
  kill -0 "$fn" 2>/dev/null || { tail -30 "$WORK/function.log" >&2; die "the function exited during training"; }
  sleep 0.1
done
grep -q 'lambda runtime: .* initialized' "$WORK/function.log" || { tail -30 "$WORK/function.log" >&2; die "the function did not initialize in 120 s"; }
base="http://127.0.0.1:$MOCK_PORT"
code=$(curl -s -o /dev/null --max-time 60 -H 'content-type: application/json' -w '%{http_code}' -d '{"model":"train/m","messages":[{"role":"user","content":"hi"}],"max_tokens":16}' "$base/v1/chat/completions" || true)
[[ "$code" == 200 ]] || { tail -30 "$WORK/function.log" >&2; die "the function answered a training chat with $code"; }
send_training_traffic "$base" 20
kill -TERM "$fn"
wait "$fn" 2>/dev/null || true
[[ -s "$stage/app/app.aot" ]] || { tail -30 "$WORK/function.log" >&2; die "no AOT cache was written"; }
grep -q 'SnapStart priming: .* exchanges' "$WORK/function.log" || { tail -30 "$WORK/function.log" >&2; die "priming did not run during training"; }

(cd "$stage" && zip -q -r "$target/function-aot.zip" bootstrap jre app)
echo "wrote $target/function-aot.zip ($(du -h "$target/function-aot.zip" | cut -f1) zipped, $(du -sh "$stage" | cut -f1) unpacked; cache $(du -h "$stage/app/app.aot" | cut -f1))"
echo "deploy: terraform/aws with runtime = \"java25-aot\" and package_path = src/aws-lambda/target/function-aot.zip"
