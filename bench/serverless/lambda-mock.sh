# Sourced by run.sh and native-lambda-smoke.sh: Quarkus's own mock Lambda event server (the one @QuarkusTest uses)
# as a standalone process. Needs M2 (local Maven repository), Q (Quarkus version), JAVA_HOME, WORK.
#
# lambda_mock_start FN_DIR: FN_DIR is an unpacked JVM function.zip; its lib/ supplies vert.x and friends, with
# the original netty/vertx jars in place of the ones Quarkus rewrote. Compiles LambdaRuntimeLoop and
# MockEventServerMain into $WORK/lcls, starts the server and sets MOCK_PORT and MOCK_PID.
lambda_mock_start() {
  local fn_dir="$1" here j cp
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  cp="$WORK/lcls:$M2/io/quarkus/quarkus-amazon-lambda-event-server/$Q/quarkus-amazon-lambda-event-server-$Q.jar"
  cp="$cp:$M2/io/quarkus/quarkus-amazon-lambda-http-event-server/$Q/quarkus-amazon-lambda-http-event-server-$Q.jar"
  for j in "$fn_dir"/lib/*.jar; do
    case "$(basename "$j")" in
      modified-io.netty.netty-common-*) cp="$cp:$M2/io/netty/netty-common/${j##*netty-common-}" ;;
      modified-io.netty.netty-transport-*) cp="$cp:$M2/io/netty/netty-transport/${j##*netty-transport-}" ;;
      modified-io.vertx.vertx-core-*) cp="$cp:$M2/io/vertx/vertx-core/${j##*vertx-core-}" ;;
      modified-*) ;;
      *) cp="$cp:$j" ;;
    esac
  done
  # jar file names in the local repository are artifact-version.jar
  cp="$(sed -E 's#(netty-common|netty-transport|vertx-core)/([^:/]+)\.jar#\1/\2/\1-\2.jar#g' <<<"$cp")"
  mkdir -p "$WORK/lcls"
  "$JAVA_HOME/bin/javac" -d "$WORK/lcls" -cp "$cp" "$here/MockEventServerMain.java" "$here/LambdaRuntimeLoop.java"
  MOCK_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  "$JAVA_HOME/bin/java" -cp "$cp" MockEventServerMain "$MOCK_PORT" >"$WORK/mock.log" 2>&1 &
  MOCK_PID=$!
  until grep -q 'mock event server on' "$WORK/mock.log"; do
    kill -0 "$MOCK_PID" 2>/dev/null || { echo "mock event server failed:" >&2; cat "$WORK/mock.log" >&2; return 1; }
    sleep 0.2
  done
}
