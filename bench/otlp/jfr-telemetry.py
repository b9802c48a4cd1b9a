#!/usr/bin/env python3
"""Where a gateway's CPU samples go, telemetry by part (not a test; nothing here runs in CI).

Usage: bench/otlp/jfr-telemetry.py recording.jfr [more.jfr ...]
Reads jdk.ExecutionSample events (`jfr print --stack-depth 64`) and classifies each sample by the first rule that
matches a frame of its stack, top frame first: the batch span processor's export, Quarkus's Vert.x exporter sending
on the event loop, Quarkus's Vert.x HTTP server instrumentation, Switchboard's own server span (ServerSpans), the
gateway's observer (attempt span / metric points), other OpenTelemetry work. Prints the share of each class, the
threads, and the top frames of each telemetry class (self time).
"""
import collections
import re
import subprocess
import sys

def own(stack, cls):
    """A frame of cls on the stack, and not in the rest of the router that its handler calls (rc.next())."""
    i = stack.find(cls)
    return i >= 0 and "RoutingContextImpl.next" not in stack[:i]


RULES = [  # (name, rule over the whole stack joined by newlines, and the thread's name)
    ("export: batch worker", lambda s, t: t.startswith("BatchSpanProcessor")),
    ("export: Vert.x sender", lambda s, t: "VertxHttpSender" in s or "VertxGrpcSender" in s),
    ("server span: Quarkus instrumenter", lambda s, t: "InstrumenterVertxTracer" in s
     or "OpenTelemetryVertxTracer" in s),
    ("server span: ServerSpans", lambda s, t: own(s, "dev.switchboard.api.telemetry.ServerSpans")),
    ("observer: attempt span", lambda s, t: "OtelGatewayObserver$OtelAttempt.endSpan" in s
     or "OtelGatewayObserver.span(" in s or "TraceHeaders" in s),
    ("observer: metric points", lambda s, t: "OtelGatewayObserver" in s),
    ("context: QuarkusContextStorage", lambda s, t: "QuarkusContextStorage" in s or "OpenTelemetryUtil" in s),
    ("other opentelemetry", lambda s, t: "io.opentelemetry" in s),
]


def samples(path):
    out = subprocess.run(
        ["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
        capture_output=True, text=True, check=True).stdout
    for block in out.split("jdk.ExecutionSample")[1:]:
        m = re.search(r'sampledThread = "([^"]*)"', block)
        thread = m.group(1) if m else "?"
        frames = re.findall(r"^\s+([\w$.<>/]+\(.*?\))\s+line:", block, re.M)
        yield thread, frames


def main():
    classes = collections.Counter()
    threads = collections.Counter()
    tops = collections.defaultdict(collections.Counter)
    total = 0
    for path in sys.argv[1:]:
        for thread, frames in samples(path):
            total += 1
            t = re.sub(r"\d+", "N", thread)
            threads[t] += 1
            cls = "(not telemetry)"
            stack = "\n".join(frames)
            for name, rule in RULES:
                if rule(stack, thread):
                    cls = name
                    break
            classes[cls] += 1
            if cls != "(not telemetry)" and frames:
                tops[cls][frames[0].split("(")[0]] += 1
    print(f"samples {total}")
    for k, v in classes.most_common():
        print(f"{v:7d} {100.0 * v / total:5.1f}%  {k}")
    tele = total - classes["(not telemetry)"]
    print(f"telemetry: {tele} samples, {100.0 * tele / max(total, 1):.1f} %")
    print("-- by thread")
    for k, v in threads.most_common(8):
        print(f"{v:7d} {100.0 * v / total:5.1f}%  {k}")
    for cls, c in tops.items():
        print(f"-- top frames: {cls}")
        for k, v in c.most_common(6):
            print(f"{v:7d}  {k}")


if __name__ == "__main__":
    main()
