package dev.switchboard.api.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.VertxHttpSpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Spans encoded by the low-allocation encoder are the same protobuf bytes Quarkus's own encoding sends, batch after
 * batch (encoders are reused, never while their request is in flight), and Quarkus's Vert.x exporter is still recognised (a Quarkus upgrade
 * that renames its field would silently fall back to the allocating encoding; this test says so).
 */
class ReusableSpanExportTest {

    /** Records the bytes of every request the exporter sends and answers 200. */
    private static final class Recording implements HttpSender {
        final List<byte[]> bodies = new ArrayList<>();

        @Override
        public void send(Marshaler marshaler, int size, Consumer<Response> onResponse, Consumer<Throwable> onError) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                marshaler.writeBinaryTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bodies.add(out.toByteArray());
            onResponse.accept(ok());
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    private static List<SpanData> spans(int n, String model) {
        List<SpanData> ended = new ArrayList<>();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(new EndedSpans(ended))
                .build();
        Tracer tracer = provider.get(OtelGatewayObserver.SCOPE);
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
        provider.close();
        return ended;
    }

    @Test
    void theReusableEncodingSendsTheSameBytesAsQuarkussBatchAfterBatch() throws Exception {
        Recording sent = new Recording();
        HttpExporter<TraceRequestMarshaler> http = new HttpExporter<>(
                ComponentId.generateLazy(StandardComponentId.ExporterType.OTLP_HTTP_SPAN_EXPORTER),
                sent,
                MeterProvider::noop,
                InternalTelemetryVersion.LEGACY,
                "http://127.0.0.1:4318/v1/traces");
        SpanExporter quarkus = new VertxHttpSpanExporter(http);
        SpanExporter reusable = ReusableSpanExport.wrap(quarkus);
        assertThat(reusable).as("Quarkus's Vert.x exporter recognised").isNotNull();

        List<List<SpanData>> batches = List.of(spans(3, "m-1"), spans(1, "a-longer-model-name"), spans(5, "m"));
        for (List<SpanData> batch : batches) {
            assertThat(reusable.export(batch)
                            .join(10, java.util.concurrent.TimeUnit.SECONDS)
                            .isSuccess())
                    .isTrue();
            assertThat(quarkus.export(batch).isSuccess()).isTrue();
        }
        assertThat(sent.bodies).hasSize(2 * batches.size());
        for (int i = 0; i < batches.size(); i++) {
            assertThat(sent.bodies.get(2 * i)).as("batch %d", i).isNotEmpty().isEqualTo(sent.bodies.get(2 * i + 1));
        }
    }

    /** Keeps each request unsent until told: the body is written when the request goes out, as Vert.x does. */
    private static final class Deferred implements HttpSender {
        final List<Marshaler> pending = new ArrayList<>();
        final List<Consumer<Response>> answers = new ArrayList<>();

        @Override
        public void send(Marshaler marshaler, int size, Consumer<Response> onResponse, Consumer<Throwable> onError) {
            pending.add(marshaler);
            answers.add(onResponse);
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @Test
    void aRequestStillInFlightKeepsItsBytesWhileTheNextBatchIsEncoded() throws Exception {
        Deferred deferred = new Deferred();
        Recording recorded = new Recording();
        SpanExporter reusable = ReusableSpanExport.wrap(new VertxHttpSpanExporter(http(deferred)));
        SpanExporter quarkus = new VertxHttpSpanExporter(http(recorded));
        List<List<SpanData>> batches = List.of(spans(4, "first"), spans(2, "second"), spans(6, "third"));

        List<CompletableResultCode> results = new ArrayList<>();
        for (List<SpanData> batch : batches) {
            results.add(reusable.export(batch));
            quarkus.export(batch);
        }
        assertThat(results).noneMatch(CompletableResultCode::isDone);
        for (int i = 0; i < batches.size(); i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            deferred.pending.get(i).writeBinaryTo(out);
            assertThat(out.toByteArray()).as("batch %d", i).isEqualTo(recorded.bodies.get(i));
        }
        deferred.answers.get(0).accept(ok());
        assertThat(results.get(0).isSuccess()).isTrue();
        // the encoder of the completed request is reused: the next batch still goes out as Quarkus would send it
        results.add(reusable.export(batches.get(1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        deferred.pending.get(3).writeBinaryTo(out);
        assertThat(out.toByteArray()).isEqualTo(recorded.bodies.get(1));
    }

    private static HttpExporter<TraceRequestMarshaler> http(HttpSender sender) {
        return new HttpExporter<>(
                ComponentId.generateLazy(StandardComponentId.ExporterType.OTLP_HTTP_SPAN_EXPORTER),
                sender,
                MeterProvider::noop,
                InternalTelemetryVersion.LEGACY,
                "http://127.0.0.1:4318/v1/traces");
    }

    private static HttpSender.Response ok() {
        return new HttpSender.Response() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public String statusMessage() {
                return "OK";
            }

            @Override
            public byte[] responseBody() {
                return new byte[0];
            }
        };
    }

    @Test
    void anExporterItDoesNotKnowIsLeftAsItIs() throws Exception {
        SpanExporter other = new SpanExporter() {
            @Override
            public CompletableResultCode export(java.util.Collection<SpanData> spans) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        assertThat(ReusableSpanExport.wrap(other)).isNull();
    }
}
