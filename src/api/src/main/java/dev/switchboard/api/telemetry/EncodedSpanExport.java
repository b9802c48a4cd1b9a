package dev.switchboard.api.telemetry;

import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.grpc.GrpcExporter;
import io.opentelemetry.exporter.internal.http.HttpExporter;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.traces.SpanReusableDataMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * The batch span processor for Quarkus's OTLP exporters, with spans encoded when they end. The SDK's batch processor
 * keeps each ended span (an {@code SdkSpan} with its attribute map, nodes, boxed values and strings) until its batch
 * leaves, then reads it back on its worker thread: by then the span is cold (bench/NOTES.md §17: most of the worker's
 * time was cache misses iterating attribute maps) and, at high request rates, every young collection had copied it
 * while it waited (§16). Here {@code onEnd} writes the span's OTLP protobuf ({@link SpanProtobuf#appendSpan}) on the
 * thread that ends it, while its fields are in that CPU's cache, into the batch being filled (one buffer per resource
 * and scope); the span itself is garbage at once. The worker thread only frames the batch as an
 * {@code ExportTraceServiceRequest} and hands it to Quarkus's sender (same endpoint, headers, TLS, compression,
 * retries, timeout). The bytes sent are the ones OpenTelemetry's marshalers write for the same spans.
 *
 * <p>The SDK's batch semantics, from the same {@code quarkus.otel.bsp.*} settings: a batch leaves when it holds
 * {@code batchSize} spans or when {@code delay} has passed since the last timed export; one export at a time, waited
 * for at most {@code timeout}; at most {@code capacity} spans wait (beyond, a span is dropped and counted as {@code
 * switchboard.telemetry.dropped{signal=spans, reason=queue_full}}; a failed export's spans as {@code
 * reason=export_failed}); {@link #forceFlush} completes when every span ended before it was exported; {@link
 * #shutdown} exports what waits, then shuts the exporter down. A span the encoder cannot write (an attribute type
 * it does not know) waits as data and leaves through OpenTelemetry's marshalers.
 */
final class EncodedSpanExport implements SpanProcessor {
    private static final Logger LOG = Logger.getLogger(EncodedSpanExport.class);
    /** batches kept for reuse (with their buffers) after they were exported */
    private static final int SPARE_BATCHES = 4;
    /** past this many resource/scope groups a reused batch forgets them (a group buffer per scope otherwise stays) */
    private static final int MAX_GROUPS = 16;

    private final SpanExporter exporter;
    private final BiFunction<Marshaler, Integer, CompletableResultCode> send;
    private final SpanReusableDataMarshaler marshalers;
    private final int capacity;
    private final int batchSize;
    private final long delayNanos;
    private final long timeoutNanos;
    private final LongCounter dropped;
    /** request encoders, each reused once the request it wrote has completed (retries included) */
    private final Deque<SpanProtobuf> requests = new ConcurrentLinkedDeque<>();

    private final Object lock = new Object();
    // guarded by lock
    private Batch filling = new Batch();
    /** batches to export and flush requests (their result codes), in the order they were made */
    private final ArrayDeque<Object> due = new ArrayDeque<>();

    private final ArrayDeque<Batch> spare = new ArrayDeque<>();
    private int waiting;
    private boolean shutdown;
    private final CompletableResultCode stopped = new CompletableResultCode();
    private final Thread worker;

    private EncodedSpanExport(
            SpanExporter exporter,
            BiFunction<Marshaler, Integer, CompletableResultCode> send,
            int capacity,
            int batchSize,
            Duration delay,
            Duration timeout,
            LongCounter dropped) {
        this.exporter = exporter;
        this.send = send;
        this.marshalers = new SpanReusableDataMarshaler(MemoryMode.REUSABLE_DATA, send);
        this.capacity = capacity;
        this.batchSize = Math.max(1, Math.min(batchSize, capacity));
        this.delayNanos = Math.max(1, delay.toNanos());
        this.timeoutNanos = timeout.toNanos();
        this.dropped = dropped;
        this.worker = Thread.ofPlatform().name("span-export").daemon().unstarted(this::run);
        worker.start();
    }

    /**
     * The processor over {@code exporter}, or null when it is not one of Quarkus's Vert.x OTLP exporters as this
     * version knows them (whose HTTP or gRPC exporter, its field {@code delegate}, sends any marshaler).
     */
    static EncodedSpanExport over(
            SpanExporter exporter, int capacity, int batchSize, Duration delay, Duration timeout, LongCounter dropped)
            throws ReflectiveOperationException {
        BiFunction<Marshaler, Integer, CompletableResultCode> send = sender(exporter);
        if (send == null) return null;
        return new EncodedSpanExport(exporter, send, capacity, batchSize, delay, timeout, dropped);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static BiFunction<Marshaler, Integer, CompletableResultCode> sender(SpanExporter exporter)
            throws ReflectiveOperationException {
        if (!exporter.getClass().getName().startsWith("io.quarkus.opentelemetry.runtime.exporter.otlp.")) return null;
        Field field = exporter.getClass().getDeclaredField("delegate");
        field.setAccessible(true);
        Object delegate = field.get(exporter);
        if (delegate instanceof HttpExporter http) return (m, n) -> http.export(m, n);
        if (delegate instanceof GrpcExporter grpc) return (m, n) -> grpc.export(m, n);
        return null;
    }

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (!span.getSpanContext().isSampled()) return; // never exported
        SpanData data = span.toSpanData(); // an ended span's data reads its fields as they are, no copies
        synchronized (lock) {
            if (shutdown) return;
            if (waiting < capacity) {
                waiting++;
                Batch batch = filling;
                batch.add(data);
                if (batch.count >= batchSize) {
                    due.add(batch);
                    filling = spareBatch();
                    lock.notify();
                }
                return;
            }
        }
        dropped.add(1, BoundedSpanExport.QUEUE_FULL);
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode forceFlush() {
        CompletableResultCode flushed = new CompletableResultCode();
        synchronized (lock) {
            if (shutdown) return flushed.succeed();
            closeFilling();
            due.add(flushed);
            lock.notify();
        }
        return flushed;
    }

    @Override
    public CompletableResultCode shutdown() {
        synchronized (lock) {
            if (!shutdown) {
                shutdown = true;
                closeFilling();
                lock.notify();
            }
        }
        return stopped;
    }

    /** Under the lock: the batch being filled is due now, if it holds anything. */
    private void closeFilling() {
        if (filling.count == 0) return;
        due.add(filling);
        filling = spareBatch();
    }

    private Batch spareBatch() {
        Batch b = spare.poll();
        return b != null ? b : new Batch();
    }

    private void run() {
        long nextTimed = System.nanoTime() + delayNanos;
        while (true) {
            Object next;
            int spans = 0; // of the batch taken, counted before export() recycles it
            synchronized (lock) {
                while (due.isEmpty() && !shutdown) {
                    long wait = nextTimed - System.nanoTime();
                    if (wait <= 0) {
                        closeFilling();
                        nextTimed = System.nanoTime() + delayNanos;
                        break;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        shutdown = true;
                        closeFilling();
                    }
                }
                next = due.poll();
                if (next == null && shutdown) break;
                if (next instanceof Batch b) {
                    spans = b.count;
                    waiting -= spans; // handed over: it leaves the bound
                }
            }
            try {
                if (next instanceof Batch b) export(b);
                else if (next instanceof CompletableResultCode flushed) flushed.succeed();
            } catch (RuntimeException e) { // never let the worker die: the batch is lost and counted
                if (spans > 0) dropped.add(spans, BoundedSpanExport.EXPORT_FAILED);
                LOG.debugf("Span export failed: %s", e);
            }
        }
        exporter.shutdown().whenComplete(stopped::succeed);
    }

    /** Sends one batch and waits (at most the export timeout) for the answer, as the SDK's batch processor does. */
    private void export(Batch batch) {
        int encoded = batch.count - batch.unencoded.size();
        List<SpanData> unencoded = batch.unencoded.isEmpty() ? List.of() : new ArrayList<>(batch.unencoded);
        CompletableResultCode sent = null;
        if (encoded > 0) {
            SpanProtobuf request = requests.poll();
            if (request == null) request = new SpanProtobuf();
            Marshaler body = request.assemble(batch.groups);
            recycle(batch); // its bytes are copied into the request
            SpanProtobuf inFlight = request;
            sent = BoundedSpanExport.failuresCounted(send.apply(body, encoded), encoded, dropped);
            sent.whenComplete(() -> requests.push(inFlight));
        } else {
            recycle(batch);
        }
        CompletableResultCode rest = null;
        if (!unencoded.isEmpty()) {
            try {
                rest = BoundedSpanExport.failuresCounted(marshalers.export(unencoded), unencoded.size(), dropped);
            } catch (RuntimeException e) { // OpenTelemetry's marshalers could not write them either
                dropped.add(unencoded.size(), BoundedSpanExport.EXPORT_FAILED);
                LOG.debugf("Span export: %d spans not encodable (%s)", unencoded.size(), e);
            }
        }
        if (sent != null) sent.join(timeoutNanos, TimeUnit.NANOSECONDS);
        if (rest != null) rest.join(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void recycle(Batch batch) {
        batch.clear();
        synchronized (lock) {
            if (spare.size() < SPARE_BATCHES) spare.push(batch);
        }
    }

    /** The spans of one export: encoded per resource and scope, plus any the encoder could not write. */
    static final class Batch {
        final List<Group> groups = new ArrayList<>(2);
        final List<SpanData> unencoded = new ArrayList<>(0);
        int count;

        void add(SpanData span) {
            Group group = group(span.getResource(), span.getInstrumentationScopeInfo());
            try {
                group.spans.appendSpan(span);
            } catch (RuntimeException e) {
                unencoded.add(span);
            }
            count++;
        }

        private Group group(Resource resource, InstrumentationScopeInfo scope) {
            for (int i = 0; i < groups.size(); i++) {
                Group g = groups.get(i);
                if (g.resource == resource && g.scope == scope) return g;
            }
            Group g = new Group(resource, scope, new SpanProtobuf(16 * 1024));
            groups.add(g);
            return g;
        }

        void clear() {
            count = 0;
            unencoded.clear();
            if (groups.size() > MAX_GROUPS) groups.clear();
            for (Group g : groups) g.spans.clear();
        }
    }

    record Group(Resource resource, InstrumentationScopeInfo scope, SpanProtobuf spans) implements SpanProtobuf.Group {}
}
