package dev.switchboard.api.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.http.HttpExporter;
import io.opentelemetry.exporter.internal.http.HttpSender;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.internal.ComponentId;
import io.opentelemetry.sdk.internal.StandardComponentId;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.VertxHttpSpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Spans encoded as they end leave in the bytes Quarkus's own exporter sends for the same spans, in batches as the
 * SDK's batch processor makes them (by size, by delay, on flush and shutdown), bounded and counted when dropped, and
 * a request still in flight keeps its bytes while the next batch is written.
 */
class EncodedSpanExportTest {
    private static final Duration NEVER = Duration.ofHours(1);

    /** Records the bytes of every request the exporter sends and answers with {@code status}. */
    private static final class Recording implements HttpSender {
        final List<byte[]> bodies = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean shutDown = new AtomicBoolean();
        volatile int status = 200;

        @Override
        public void send(Marshaler marshaler, int size, Consumer<Response> onResponse, Consumer<Throwable> onError) {
            bodies.add(bytes(marshaler));
            onResponse.accept(answer(status));
        }

        @Override
        public CompletableResultCode shutdown() {
            shutDown.set(true);
            return CompletableResultCode.ofSuccess();
        }
    }

    /** Keeps each request unsent until told: the body is written when the request goes out, as Vert.x does. */
    private static final class Deferred implements HttpSender {
        final List<Marshaler> pending = Collections.synchronizedList(new ArrayList<>());
        final List<Consumer<Response>> answers = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch sent = new CountDownLatch(1);

        @Override
        public void send(Marshaler marshaler, int size, Consumer<Response> onResponse, Consumer<Throwable> onError) {
            pending.add(marshaler);
            answers.add(onResponse);
            sent.countDown();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    /** The drop counter: what was added, by reason. */
    private static final class Drops implements LongCounter {
        final ConcurrentHashMap<String, AtomicLong> byReason = new ConcurrentHashMap<>();

        @Override
        public void add(long value) {
            add(value, Attributes.empty());
        }

        @Override
        public void add(long value, Attributes attributes) {
            String reason = attributes.get(AttributeKey.stringKey("reason"));
            byReason.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(value);
        }

        @Override
        public void add(long value, Attributes attributes, Context context) {
            add(value, attributes);
        }

        long of(String reason) {
            AtomicLong n = byReason.get(reason);
            return n == null ? 0 : n.get();
        }
    }

    private final Drops drops = new Drops();
    private final List<SpanData> ended = Collections.synchronizedList(new ArrayList<>());

    private EncodedSpanExport processor(HttpSender sender, int capacity, int batch, Duration delay, Duration timeout)
            throws ReflectiveOperationException {
        EncodedSpanExport p =
                EncodedSpanExport.over(new VertxHttpSpanExporter(http(sender)), capacity, batch, delay, timeout, drops);
        assertThat(p).as("Quarkus's Vert.x exporter recognised").isNotNull();
        return p;
    }

    /** A tracer whose spans' data are kept (in {@link #ended}, in the order they end) and go to {@code processor}. */
    private SdkTracerProvider provider(EncodedSpanExport processor) {
        return SdkTracerProvider.builder()
                .addSpanProcessor(new EndedSpans(ended))
                .addSpanProcessor(processor)
                .build();
    }

    /** {@code n} requests as the gateway traces them: a server span and its attempt span each. */
    private static void requests(Tracer tracer, int n, String model) {
        for (int i = 0; i < n; i++) {
            var server = tracer.spanBuilder("POST /v1/chat/completions")
                    .setSpanKind(SpanKind.SERVER)
                    .startSpan();
            var attempt = tracer.spanBuilder("chat " + model)
                    .setParent(Context.root().with(server))
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(GenAi.REQUEST_MODEL, model)
                    .setAttribute(GenAi.ATTEMPT, (long) i)
                    .setAttribute(GenAi.STREAM, i % 2 == 0)
                    .setAttribute(GenAi.FINISH_REASONS, List.of("stop"))
                    .setAttribute(GenAi.COST_USD, 0.0001 * i)
                    .startSpan();
            attempt.addEvent(GenAi.FIRST_TOKEN_EVENT);
            if (i == 1) attempt.setStatus(StatusCode.ERROR, "timeout");
            attempt.end();
            server.end();
        }
    }

    /** What Quarkus's own exporter sends for spans {@code from} to {@code to} of {@link #ended}. */
    private byte[] quarkus(int from, int to) {
        Recording recorded = new Recording();
        new VertxHttpSpanExporter(http(recorded)).export(new ArrayList<>(ended.subList(from, to)));
        return recorded.bodies.get(0);
    }

    @Test
    void spansLeaveInBatchesOfTheConfiguredSizeAsTheBytesQuarkusSends() throws Exception {
        Recording sent = new Recording();
        SdkTracerProvider provider = provider(processor(sent, 100, 4, NEVER, Duration.ofSeconds(10)));
        Tracer tracer = provider.get(OtelGatewayObserver.SCOPE);

        requests(tracer, 2, "m-1"); // 4 spans: one full batch
        waitFor(() -> sent.bodies.size() == 1);
        requests(tracer, 3, "a-longer-model-name"); // 6 more: a full batch, then 2 waiting
        waitFor(() -> sent.bodies.size() == 2);
        assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        assertThat(sent.bodies).hasSize(3);
        assertThat(sent.bodies.get(0)).as("first batch").isEqualTo(quarkus(0, 4));
        assertThat(sent.bodies.get(1)).as("second batch").isEqualTo(quarkus(4, 8));
        assertThat(sent.bodies.get(2)).as("flushed rest").isEqualTo(quarkus(8, 10));
        assertThat(drops.byReason).isEmpty();
        provider.close();
    }

    @Test
    void aBatchThatDoesNotFillLeavesAfterTheDelay() throws Exception {
        Recording sent = new Recording();
        SdkTracerProvider provider =
                provider(processor(sent, 100, 512, Duration.ofMillis(100), Duration.ofSeconds(10)));
        requests(provider.get(OtelGatewayObserver.SCOPE), 1, "m");

        waitFor(() -> sent.bodies.size() == 1);
        assertThat(sent.bodies.get(0)).isEqualTo(quarkus(0, 2));
        provider.close();
    }

    @Test
    void shutdownExportsWhatWaitsThenShutsTheExporterDown() throws Exception {
        Recording sent = new Recording();
        EncodedSpanExport processor = processor(sent, 100, 512, NEVER, Duration.ofSeconds(10));
        SdkTracerProvider provider = provider(processor);
        Tracer tracer = provider.get(OtelGatewayObserver.SCOPE);
        requests(tracer, 3, "m");

        assertThat(processor.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(sent.bodies).hasSize(1);
        assertThat(sent.bodies.get(0)).isEqualTo(quarkus(0, 6));
        assertThat(sent.shutDown).isTrue();

        requests(tracer, 1, "after"); // ended after shutdown: not exported, not counted as dropped
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                .isTrue();
        assertThat(sent.bodies).hasSize(1);
        assertThat(drops.byReason).isEmpty();
    }

    @Test
    void spansNotSampledAreNeverEncoded() throws Exception {
        Recording sent = new Recording();
        EncodedSpanExport processor = processor(sent, 100, 1, NEVER, Duration.ofSeconds(10));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setSampler(Sampler.alwaysOff())
                .addSpanProcessor(processor)
                .build();
        requests(provider.get(OtelGatewayObserver.SCOPE), 3, "m");

        assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(sent.bodies).isEmpty();
        provider.close();
    }

    @Test
    void aRequestStillInFlightKeepsItsBytesWhileTheNextBatchIsWritten() throws Exception {
        Deferred deferred = new Deferred();
        // the worker waits 50 ms for each answer, then writes the next batch while the first is still unsent
        SdkTracerProvider provider = provider(processor(deferred, 100, 4, NEVER, Duration.ofMillis(50)));
        Tracer tracer = provider.get(OtelGatewayObserver.SCOPE);
        requests(tracer, 2, "first");
        requests(tracer, 2, "second");
        requests(tracer, 2, "third");
        waitFor(() -> deferred.pending.size() == 3);

        for (int i = 0; i < 3; i++) {
            assertThat(bytes(deferred.pending.get(i))).as("batch %d", i).isEqualTo(quarkus(4 * i, 4 * i + 4));
        }
        deferred.answers.forEach(answer -> answer.accept(answer(200)));
        requests(tracer, 2, "fourth"); // a completed request's encoder is reused
        waitFor(() -> deferred.pending.size() == 4);
        assertThat(bytes(deferred.pending.get(3))).isEqualTo(quarkus(12, 16));
        assertThat(drops.byReason).isEmpty();
    }

    @Test
    void pastTheBoundSpansAreDroppedAndCountedWhileAnExportIsStuck() throws Exception {
        Deferred stuck = new Deferred();
        SdkTracerProvider provider = provider(processor(stuck, 4, 2, NEVER, Duration.ofMinutes(1)));
        Tracer tracer = provider.get(OtelGatewayObserver.SCOPE);
        requests(tracer, 1, "m"); // a batch of 2: the worker sends it and waits for an answer
        assertThat(stuck.sent.await(10, TimeUnit.SECONDS)).isTrue();

        requests(tracer, 3, "m"); // 4 wait (the bound), 2 are dropped
        assertThat(drops.of("queue_full")).isEqualTo(2);
        assertThat(stuck.pending).hasSize(1);

        for (int i = 0; i < 3; i++) { // each answer lets the worker send the next batch
            int sent = i + 1;
            waitFor(() -> stuck.pending.size() == sent);
            stuck.answers.get(i).accept(answer(200));
        }
        assertThat(drops.of("queue_full")).isEqualTo(2);
        assertThat(drops.of("export_failed")).isZero();
    }

    @Test
    void theSpansOfAFailedExportAreCounted() throws Exception {
        Recording refusing = new Recording();
        refusing.status = 503;
        SdkTracerProvider provider = provider(processor(refusing, 100, 3, NEVER, Duration.ofSeconds(10)));
        requests(provider.get(OtelGatewayObserver.SCOPE), 2, "m");
        provider.forceFlush().join(10, TimeUnit.SECONDS);

        assertThat(refusing.bodies).hasSize(2);
        waitFor(() -> drops.of("export_failed") == 4);
        provider.close();
    }

    /** Regression: a sender that threw had its batch counted as 0 dropped spans (the batch was already recycled). */
    @Test
    void theSpansOfAnExportThatThrowsAreCounted() throws Exception {
        HttpSender throwing = new HttpSender() {
            @Override
            public void send(
                    Marshaler marshaler, int size, Consumer<Response> onResponse, Consumer<Throwable> onError) {
                throw new IllegalStateException("sender closed");
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        SdkTracerProvider provider = provider(processor(throwing, 100, 3, NEVER, Duration.ofSeconds(10)));
        requests(provider.get(OtelGatewayObserver.SCOPE), 2, "m");
        assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        assertThat(drops.of("export_failed")).isEqualTo(4);
        provider.close();
    }

    @Test
    void aSpanTheEncoderCannotWriteDoesNotTakeItsBatchWithIt() throws Exception {
        Recording sent = new Recording();
        EncodedSpanExport processor = processor(sent, 100, 512, NEVER, Duration.ofSeconds(10));
        SdkTracerProvider provider = provider(processor);
        requests(provider.get(OtelGatewayObserver.SCOPE), 1, "m");
        processor.onEnd(ended(LyingSpan.of(ended.get(0))));

        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                .isTrue();
        assertThat(sent.bodies).hasSize(1);
        assertThat(sent.bodies.get(0)).isEqualTo(quarkus(0, 2));
        assertThat(drops.of("export_failed")).isEqualTo(1);
        provider.close();
    }

    @Test
    void anExporterItDoesNotKnowIsLeftAsItIs() throws Exception {
        SpanExporter other = SpanExporter.composite(); // the no-op exporter
        assertThat(EncodedSpanExport.over(other, 10, 10, NEVER, NEVER, drops)).isNull();
    }

    /** An ended span whose data is {@code data}. */
    private static ReadableSpan ended(SpanData data) {
        return (ReadableSpan) java.lang.reflect.Proxy.newProxyInstance(
                ReadableSpan.class.getClassLoader(), new Class<?>[] {ReadableSpan.class}, (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "getSpanContext" -> data.getSpanContext();
                        case "toSpanData" -> data;
                        case "hasEnded" -> true;
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static byte[] bytes(Marshaler marshaler) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            marshaler.writeBinaryTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static HttpExporter<TraceRequestMarshaler> http(HttpSender sender) {
        return new HttpExporter<>(
                ComponentId.generateLazy(StandardComponentId.ExporterType.OTLP_HTTP_SPAN_EXPORTER),
                sender,
                MeterProvider::noop,
                InternalTelemetryVersion.LEGACY,
                "http://127.0.0.1:4318/v1/traces");
    }

    private static HttpSender.Response answer(int status) {
        return new HttpSender.Response() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public String statusMessage() {
                return status == 200 ? "OK" : "Service Unavailable";
            }

            @Override
            public byte[] responseBody() {
                return new byte[0];
            }
        };
    }
}
