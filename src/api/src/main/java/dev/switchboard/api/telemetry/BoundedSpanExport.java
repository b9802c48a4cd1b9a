package dev.switchboard.api.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The span export path with a bound and a count of what it drops: at most {@code capacity} ended spans wait for the
 * exporter (the batch processor's queue and its batch being built); the next ones are dropped and counted
 * ({@code switchboard.telemetry.dropped{signal=spans, reason=queue_full}}), and so are the spans of a failed export
 * ({@code reason=export_failed}). A request never waits for the exporter: ending a span is a counter increment and
 * a queue offer.
 */
final class BoundedSpanExport implements SpanProcessor {
    static final String DROPPED = "switchboard.telemetry.dropped";
    private static final AttributeKey<String> SIGNAL = AttributeKey.stringKey("signal");
    private static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
    static final Attributes QUEUE_FULL = Attributes.of(SIGNAL, "spans", REASON, "queue_full");
    static final Attributes EXPORT_FAILED = Attributes.of(SIGNAL, "spans", REASON, "export_failed");

    private final SpanProcessor batches;
    private final int capacity;
    private final AtomicInteger waiting;
    private final LongCounter dropped;

    /**
     * @param batches  the batch processor over {@link #counting} of the real exporter, with a queue of at least
     *                 {@code capacity}
     * @param waiting  the counter shared with {@link #counting}: spans handed to {@code batches}, not yet exported
     */
    BoundedSpanExport(SpanProcessor batches, int capacity, AtomicInteger waiting, LongCounter dropped) {
        this.batches = batches;
        this.capacity = capacity;
        this.waiting = waiting;
        this.dropped = dropped;
    }

    static LongCounter droppedCounter(io.opentelemetry.api.metrics.Meter meter) {
        return meter.counterBuilder(DROPPED)
                .setUnit("{span}")
                .setDescription("Telemetry dropped instead of slowing requests: queue full or export failed")
                .build();
    }

    /** The exporter as the batch processor sees it: spans leave the bound when handed over; failures are counted. */
    static SpanExporter counting(SpanExporter exporter, AtomicInteger waiting, LongCounter dropped) {
        return new ForwardingSpanExporter(exporter) {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                int n = spans.size();
                waiting.addAndGet(-n);
                return failuresCounted(behind.export(spans), n, dropped);
            }
        };
    }

    /** {@code result}, whose {@code spans} are counted as dropped ({@code reason=export_failed}) if it fails. */
    static CompletableResultCode failuresCounted(CompletableResultCode result, int spans, LongCounter dropped) {
        result.whenComplete(() -> {
            if (!result.isSuccess()) dropped.add(spans, EXPORT_FAILED);
        });
        return result;
    }

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
        batches.onStart(parent, span);
    }

    @Override
    public boolean isStartRequired() {
        return batches.isStartRequired();
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (!span.getSpanContext().isSampled()) return; // never exported
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            dropped.add(1, QUEUE_FULL);
            return;
        }
        batches.onEnd(span);
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        return batches.shutdown();
    }

    @Override
    public CompletableResultCode forceFlush() {
        return batches.forceFlush();
    }
}
