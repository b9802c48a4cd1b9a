package dev.switchboard.server.telemetry;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reading what the receiver got: spans of one trace, attributes, metric points; waiting for exports to arrive. */
final class Exported {
    /** Exports are pushed every 50–200 ms; this only bounds a test that would otherwise hang (on a loaded machine). */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Exported() {}

    /** A fresh W3C trace id (32 lowercase hex digits, never all zero). */
    static String newTraceId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return String.format("%016x%016x", r.nextLong() | 1, r.nextLong());
    }

    /** A sampled caller's {@code traceparent} in trace {@code traceId}, from a fresh parent span id. */
    static String traceparent(String traceId) {
        return "00-" + traceId + "-"
                + String.format(
                        "%016x",
                        java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1) + "-01";
    }

    /** The SERVER span of a trace once exported (attempt spans end, and may be exported, first). */
    static Span server(OtlpReceiver receiver, String traceId) {
        return await(
                "the server span of trace " + traceId,
                () -> receiver.spans().stream()
                        .filter(s -> hex(s.getTraceId()).equals(traceId))
                        .filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
                        .findFirst());
    }

    static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    /** Waits until {@code found} yields something present; fails with {@code what} if it never does. */
    static <T> T await(String what, Supplier<Optional<T>> found) {
        return await(() -> what, found);
    }

    /** As {@link #await(String, Supplier)}, the description made at failure time (to show what did arrive). */
    static <T> T await(Supplier<String> what, Supplier<Optional<T>> found) {
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Optional<T> v = found.get();
            if (v.isPresent()) return v.get();
            if (System.nanoTime() - until > 0) throw new AssertionError("never exported: " + what.get());
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what.get());
            }
        }
    }

    /** The spans of one trace once {@code count} of them arrived. */
    static List<Span> trace(OtlpReceiver receiver, String traceId, int count) {
        return await(
                () -> count + " spans of trace " + traceId + "; received: "
                        + receiver.spans().stream()
                                .map(s -> s.getName() + "@" + hex(s.getTraceId()))
                                .toList(),
                () -> {
                    List<Span> spans = receiver.spans().stream()
                            .filter(s -> hex(s.getTraceId()).equals(traceId))
                            .toList();
                    return spans.size() >= count ? Optional.of(spans) : Optional.empty();
                });
    }

    static Optional<AnyValue> attribute(List<KeyValue> attributes, String key) {
        return attributes.stream()
                .filter(kv -> kv.getKey().equals(key))
                .map(KeyValue::getValue)
                .findFirst();
    }

    static String text(Span span, String key) {
        return attribute(span.getAttributesList(), key)
                .map(AnyValue::getStringValue)
                .orElse(null);
    }

    static Long integer(Span span, String key) {
        return attribute(span.getAttributesList(), key)
                .map(AnyValue::getIntValue)
                .orElse(null);
    }

    /** The newest exported point of a metric that {@code pick} finds (cumulative: the newest is the total). */
    static <P> Optional<P> newest(
            OtlpReceiver receiver, String name, java.util.function.Function<Metric, Optional<P>> pick) {
        List<Metric> all = receiver.metrics().stream()
                .filter(m -> m.getName().equals(name))
                .toList();
        for (int i = all.size() - 1; i >= 0; i--) {
            Optional<P> p = pick.apply(all.get(i));
            if (p.isPresent()) return p;
        }
        return Optional.empty();
    }

    /** The point of a histogram whose attributes hold every {@code key, value} pair given. */
    static Optional<HistogramDataPoint> histogramPoint(Metric m, String... keyValues) {
        return m.getHistogram().getDataPointsList().stream()
                .filter(p -> has(p.getAttributesList(), keyValues))
                .findFirst();
    }

    /** The point of a sum whose attributes hold every {@code key, value} pair given. */
    static Optional<NumberDataPoint> sumPoint(Metric m, String... keyValues) {
        return m.getSum().getDataPointsList().stream()
                .filter(p -> has(p.getAttributesList(), keyValues))
                .findFirst();
    }

    private static boolean has(List<KeyValue> attributes, String... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            String want = keyValues[i + 1];
            if (!attribute(attributes, keyValues[i])
                    .map(v -> v.getStringValue().equals(want))
                    .orElse(false)) {
                return false;
            }
        }
        return true;
    }
}
