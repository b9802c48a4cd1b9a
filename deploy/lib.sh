# Shared helpers for deploy/aws.sh and deploy/gcp.sh (sourced, not executed).

die() {
  echo "error: $*" >&2
  exit 1
}

require_cli() {
  local cli=$1 hint=$2
  command -v "$cli" >/dev/null 2>&1 || die "'$cli' is not on the PATH. $hint"
}

# Absolute path of an existing tfvars file given on the command line.
resolve_tfvars() {
  local file=$1
  [[ -f "$file" ]] || die "tfvars file '$file' does not exist"
  echo "$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
}

repo_root() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd
}

# terraform init (with an optional backend config file) then apply with the given tfvars.
terraform_apply() {
  local dir=$1 tfvars=$2
  shift 2
  local init_args=(-input=false)
  if [[ -n "${TF_BACKEND_CONFIG:-}" ]]; then
    [[ -f "$TF_BACKEND_CONFIG" ]] || die "TF_BACKEND_CONFIG '$TF_BACKEND_CONFIG' does not exist"
    init_args+=("-backend-config=$TF_BACKEND_CONFIG")
  fi
  terraform -chdir="$dir" init "${init_args[@]}"
  terraform -chdir="$dir" apply -input=false -var-file="$tfvars" "$@"
}

# A free loopback TCP port.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_loopback DIR PROGRAM CLASS: compiles PROGRAM (a one-class program whose only argument is its port) into DIR and
# starts CLASS with $java on a free loopback port, its output in DIR/CLASS.log; sets `port` to that port and adds its
# pid to `pids` (the caller's exit trap stops them). Run from the repository root.
start_loopback() {
  local dir=$1 program=$2 class=$3
  "$JAVA_HOME/bin/javac" -d "$dir" "$program"
  port=$(free_port)
  "$java" -cp "$dir" "$class" "$port" >"$dir/$class.log" 2>&1 &
  pids+=($!)
}

# start_training_upstream DIR: the loopback upstream an AOT training run talks to (bench/upstream/FastUpstream.java,
# OpenAI-compatible, no provider called), compiled into DIR; sets `up` to its port.
start_training_upstream() {
  start_loopback "$1" bench/upstream/FastUpstream.java FastUpstream
  up=$port
}

# start_training_collector DIR: a loopback OTLP/HTTP collector for an AOT training run (bench/otlp/OtlpSink.java: reads
# every export, answers 200), compiled into DIR; sets `otlp_opts` to the JVM options that turn telemetry on against it.
# A cache trained with telemetry on also holds the OpenTelemetry SDK's and exporter's classes: a start with an OTLP
# endpoint set then loads them from the cache too (bench/NOTES.md §19: the short-lived command's first answer
# 784 -> 617 ms with telemetry on; with it off, 584 -> 626 ms, within the spread).
start_training_collector() {
  start_loopback "$1" bench/otlp/OtlpSink.java OtlpSink
  otlp_opts="-Dquarkus.otel.exporter.otlp.endpoint=http://127.0.0.1:$port"
  otlp_opts+=" -Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf -Dquarkus.otel.exporter.otlp.metrics.protocol=http/protobuf"
}

# send_training_traffic BASE ROUNDS: what an AOT training run sends ROUNDS times (what the integration tests send most:
# chat and stream in both API dialects, and an unknown model), then a model listing. Answers are not checked here.
send_training_traffic() {
  local base=$1 rounds=$2 r
  local json=(-s -o /dev/null --max-time 60 -H 'content-type: application/json')
  for r in $(seq 1 "$rounds"); do
    curl "${json[@]}" -d '{"model":"train/m","messages":[{"role":"user","content":"hi"}],"max_tokens":16}' "$base/v1/chat/completions"
    curl "${json[@]}" -d '{"model":"train/m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}' "$base/v1/chat/completions"
    curl "${json[@]}" -H 'anthropic-version: 2023-06-01' -d '{"model":"train/m","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}' "$base/v1/messages"
    curl "${json[@]}" -H 'anthropic-version: 2023-06-01' -d '{"model":"train/m","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"hi"}]}' "$base/v1/messages"
    curl "${json[@]}" -d '{"model":"nope/m","messages":[]}' "$base/v1/chat/completions"
  done
  curl -s -o /dev/null --max-time 60 "$base/v1/models"
}
