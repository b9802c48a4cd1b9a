#!/usr/bin/env bash
# bench/serverless/first-answer-pairs.sh N "name|pin|JVM options[|base]" ... — launches of one server build to its first
# proxied 200, the variants one after another N times (a benchmark, not a test). Each launch is
# first-answer.sh (wall ms and the process's CPU ms to the first answer), after the machine is idle (settle.sh: < 10 %
# busy over 0.3 s, at most 20 s); pin "1" runs the launch on CPU 1 alone (a JVM that sees one CPU), anything else unpinned.
# FastUpstream (18081) and OtlpSink (14318) run on CPU 0 for the whole run (otlp/backends.sh). Adjacent launches of two variants see
# nearly the same machine, so the report gives, besides each variant's medians, the median of the per-round
# differences to its base (the variant named in its fourth field, else the first variant). JAR: the build (default src/server/target/quarkus-app/quarkus-run.jar).
# Example (telemetry's start-up cost, NOTES §19):
#   O="-Dquarkus.otel.exporter.otlp.endpoint=http://127.0.0.1:14318 -Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf -Dquarkus.otel.exporter.otlp.metrics.protocol=http/protobuf"
#   bench/serverless/first-answer-pairs.sh 8 "off|0|" "on|0|$O" "pinned-off|1|" "pinned-on|1|$O|pinned-off"
set -euo pipefail
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}; JAVA=$JAVA_HOME/bin/java
HERE="$(cd "$(dirname "$0")" && pwd)"; BENCH="$(dirname "$HERE")"
JAR=${JAR:-$BENCH/../src/server/target/quarkus-app/quarkus-run.jar}
N=$1; shift
W=$(mktemp -d /tmp/fa-pairs.XXXX); PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
. $BENCH/otlp/backends.sh
. $HERE/settle.sh
until (exec 3<>/dev/tcp/127.0.0.1/14318) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/18081) 2>/dev/null; do sleep 0.1; done
echo "build: $JAR; $N rounds of: $*"
for round in $(seq 1 "$N"); do
  for spec in "$@"; do
    IFS='|' read -r name pin opts _ <<<"$spec"
    settle >/dev/null
    if [ "$pin" = 1 ]; then line=$(UP_PORT=18081 taskset -c 1 $HERE/first-answer.sh "$JAR" $opts)
    else line=$(UP_PORT=18081 $HERE/first-answer.sh "$JAR" $opts); fi
    echo "$round $name $line" | tee -a $W/runs
  done
done
python3 - $W/runs "$@" <<'PY'
import re, statistics as st, sys, collections
runs = collections.defaultdict(dict)
order = []
for l in open(sys.argv[1]):
    m = re.match(r'(\d+) (\S+) first_ms=(\d+) cpu_ms=([\d.]+)', l)
    if not m: continue
    r, name = int(m.group(1)), m.group(2)
    if name not in order: order.append(name)
    runs[name][r] = (int(m.group(3)), float(m.group(4)))
specs = [a.split("|") for a in sys.argv[2:]]
bases = {p[0]: (p[3] if len(p) > 3 and p[3] else specs[0][0]) for p in specs}
print("%-14s %3s %10s %10s | %-14s %12s %12s" % ("variant", "n", "first ms", "CPU ms", "base", "first diff", "CPU diff"))
print("%-14s %3s %10s %10s | %-14s %12s %12s" % ("", "", "median", "median", "", "median of rounds", ""))
for name in order:
    v = runs[name]
    base = bases[name]
    f = st.median(x[0] for x in v.values()); c = st.median(x[1] for x in v.values())
    both = [r for r in v if r in runs[base]]
    df = st.median(v[r][0] - runs[base][r][0] for r in both)
    dc = st.median(v[r][1] - runs[base][r][1] for r in both)
    print("%-14s %3d %10.0f %10.0f | %-14s %+12.0f %+12.0f" % (name, len(v), f, c, base, df, dc))
PY
