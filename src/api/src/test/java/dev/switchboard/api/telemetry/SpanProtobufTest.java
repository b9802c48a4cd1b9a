package dev.switchboard.api.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link SpanProtobuf} writes the bytes OpenTelemetry's own marshalers write, for every field a span can carry:
 * each attribute type (empty strings, zeros, negatives, non-ASCII, arrays), events, links, trace state, remote and
 * local parents, statuses, dropped counts, long names that need longer length prefixes, several resources and scopes.
 */
class SpanProtobufTest {
    private static final String REMOTE_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String REMOTE_SPAN = "00f067aa0ba902b7";

    private static SdkTracerProvider provider(List<SpanData> ended, String service) {
        return SdkTracerProvider.builder()
                .setResource(Resource.builder()
                        .put("service.name", service)
                        .put("host.arch", "amd64")
                        .setSchemaUrl("https://opentelemetry.io/schemas/1.37.0")
                        .build())
                .setSpanLimits(SpanLimits.builder()
                        .setMaxNumberOfAttributes(40)
                        .setMaxNumberOfEvents(2)
                        .setMaxNumberOfLinks(1)
                        .build())
                .addSpanProcessor(new EndedSpans(ended))
                .build();
    }

    private static List<SpanData> richSpans() {
        List<SpanData> ended = new ArrayList<>();
        SdkTracerProvider one = provider(ended, "switchboard");
        SdkTracerProvider two = provider(ended, "another service é");
        Tracer gateway = one.get(OtelGatewayObserver.SCOPE);
        Tracer quarkus = one.tracerBuilder("io.quarkus.opentelemetry")
                .setInstrumentationVersion("3.32.4")
                .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0")
                .build();
        Tracer other = two.get("other.scope");

        SpanContext remote = SpanContext.createFromRemoteParent(
                REMOTE_TRACE,
                REMOTE_SPAN,
                TraceFlags.getSampled(),
                TraceState.builder().put("vendor", "opaque=1").put("dd", "s:1").build());
        Span server = quarkus.spanBuilder("POST /v1/chat/completions")
                .setParent(Context.root().with(Span.wrap(remote)))
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", "POST")
                .setAttribute("url.path", "/v1/chat/completions")
                .setAttribute(AttributeKey.longKey("server.port"), 8080L)
                .startSpan();
        Span attempt = gateway.spanBuilder("chat modèle-😀 " + "x".repeat(200))
                .setParent(Context.root().with(server))
                .setSpanKind(SpanKind.CLIENT)
                .addLink(remote, Attributes.of(AttributeKey.stringKey("link.kind"), "caller"))
                .addLink(SpanContext.create(
                        REMOTE_TRACE, "1111111111111111", TraceFlags.getDefault(), TraceState.getDefault()))
                .setAttribute(GenAi.REQUEST_MODEL, "gpt-4o-mini")
                .setAttribute(GenAi.ROUTE, "")
                .setAttribute(GenAi.ATTEMPT, 0L)
                .setAttribute(GenAi.MAX_TOKENS, -5L)
                .setAttribute(GenAi.TEMPERATURE, 0.0)
                .setAttribute(GenAi.TOP_P, -0.25)
                .setAttribute(GenAi.STREAM, false)
                .setAttribute(AttributeKey.booleanKey("flag.on"), true)
                .setAttribute(GenAi.FINISH_REASONS, List.of("stop", "", "längd"))
                .setAttribute(AttributeKey.longArrayKey("longs"), List.of(0L, 1L, -1L, Long.MAX_VALUE))
                .setAttribute(AttributeKey.doubleArrayKey("doubles"), List.of(0.0, 1.5, Double.NaN))
                .setAttribute(AttributeKey.booleanArrayKey("bools"), List.of(true, false))
                .setAttribute(AttributeKey.stringArrayKey("empty"), List.of())
                .setAttribute(GenAi.INPUT_MESSAGES, "a long value ".repeat(2000)) // 26 KB: 3-byte lengths
                .setAttribute("non.ascii", "ünïcødé ✓ 😀")
                .startSpan();
        attempt.addEvent(GenAi.FIRST_TOKEN_EVENT, 1_700_000_000_123_456_789L, TimeUnit.NANOSECONDS);
        attempt.addEvent("with.attributes", Attributes.of(AttributeKey.longKey("n"), 3L));
        attempt.addEvent("dropped, over the limit of two");
        attempt.setStatus(StatusCode.ERROR, "upstream_timeout");
        attempt.end();
        server.setStatus(StatusCode.OK);
        server.end();

        Span root = other.spanBuilder("").setSpanKind(SpanKind.INTERNAL).startSpan();
        root.end();
        for (SpanKind kind : SpanKind.values()) {
            gateway.spanBuilder(kind.name()).setSpanKind(kind).startSpan().end();
        }
        Span many = gateway.spanBuilder("over the attribute limit").startSpan();
        for (int i = 0; i < 45; i++) many.setAttribute("k" + i, i);
        many.end();
        other.spanBuilder("unsampled parent")
                .setParent(Context.root()
                        .with(Span.wrap(SpanContext.createFromRemoteParent(
                                REMOTE_TRACE, REMOTE_SPAN, TraceFlags.getDefault(), TraceState.getDefault()))))
                .startSpan()
                .end();
        one.close();
        two.close();
        return ended;
    }

    private static byte[] bytes(Marshaler m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeBinaryTo(out);
        assertThat(out.size()).as("declared size").isEqualTo(m.getBinarySerializedSize());
        return out.toByteArray();
    }

    private static byte[] openTelemetrys(List<SpanData> spans) throws IOException {
        LowAllocationTraceRequestMarshaler m = new LowAllocationTraceRequestMarshaler();
        m.initialize(spans);
        try {
            return bytes(m);
        } finally {
            m.reset();
        }
    }

    /**
     * The request {@link EncodedSpanExport} sends for {@code spans}: each appended to its batch as it ends (one
     * encoder per resource and scope), the batch framed by {@code request}.
     */
    private static Marshaler encoded(SpanProtobuf request, List<SpanData> spans) {
        EncodedSpanExport.Batch batch = new EncodedSpanExport.Batch();
        spans.forEach(batch::add);
        assertThat(batch.unencoded).as("spans the encoder could not write").isEmpty();
        return request.assemble(batch.groups);
    }

    @Test
    void everyFieldIsWrittenAsOpenTelemetryWritesIt() throws IOException {
        List<SpanData> spans = richSpans();
        assertThat(spans).hasSizeGreaterThan(8);
        SpanProtobuf encoder = new SpanProtobuf();

        byte[] ours = bytes(encoded(encoder, spans));
        assertThat(ours).hasSizeGreaterThan(26_000).isEqualTo(openTelemetrys(spans));
        // the buffer is reused: a smaller batch after a larger one, and each span alone
        for (SpanData span : spans) {
            assertThat(bytes(encoded(encoder, List.of(span)))).isEqualTo(openTelemetrys(List.of(span)));
        }
        assertThat(bytes(encoded(encoder, spans))).isEqualTo(ours);
    }

    @Test
    void oneResourceAndScopeIsTheSameAsTheImmutableMarshalersToo() throws IOException {
        List<SpanData> spans = richSpans().stream()
                .filter(s -> s.getInstrumentationScopeInfo().getName().equals(OtelGatewayObserver.SCOPE))
                .toList();
        assertThat(bytes(encoded(new SpanProtobuf(), spans))).isEqualTo(bytes(TraceRequestMarshaler.create(spans)));
    }

    @Test
    void anEmptyBatchIsAnEmptyRequest() throws IOException {
        assertThat(bytes(encoded(new SpanProtobuf(), List.of()))).isEmpty();
    }

    @Test
    void aValueOfAnotherTypeThanItsKeySaysIsRefusedNotWritten() {
        SpanData withLyingAttributes = LyingSpan.of(richSpans().get(0));
        SpanProtobuf spans = new SpanProtobuf();
        assertThatThrownBy(() -> spans.appendSpan(withLyingAttributes)).isInstanceOf(ClassCastException.class);
        assertThat(spans.isEmpty()).as("nothing of it written").isTrue();
    }
}
