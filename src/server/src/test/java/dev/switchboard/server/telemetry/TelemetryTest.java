package dev.switchboard.server.telemetry;

import static dev.switchboard.server.telemetry.Exported.await;
import static dev.switchboard.server.telemetry.Exported.hex;
import static dev.switchboard.server.telemetry.Exported.histogramPoint;
import static dev.switchboard.server.telemetry.Exported.integer;
import static dev.switchboard.server.telemetry.Exported.sumPoint;
import static dev.switchboard.server.telemetry.Exported.text;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.telemetry.GatewayObserver;
import dev.switchboard.emulator.behavior.RecordedRequest;
import dev.switchboard.server.e2e.EmulatorResource;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * What an operator's collector receives, decoded from real OTLP protobuf: per request a server span continuing the
 * caller's traceparent and one GenAI CLIENT span per upstream attempt (the upstream joins the same trace, the cost
 * record names it), the GenAI metrics, and the same metrics on {@code GET /q/metrics}.
 */
@QuarkusTest
@TestProfile(TelemetryProfile.class)
class TelemetryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    io.opentelemetry.api.OpenTelemetry otel;

    @Inject
    GatewayObserver observer;

    private record Caller(String traceId, String spanId) {
        static Caller random() {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            return new Caller(
                    String.format("%016x%016x", r.nextLong() | 1, r.nextLong()),
                    String.format("%016x", r.nextLong() | 1));
        }

        String traceparent() {
            return "00-" + traceId + "-" + spanId + "-01";
        }
    }

    private static String post(Caller caller, String body) {
        return given().header("traceparent", caller.traceparent())
                .contentType("application/json")
                .body(body)
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract()
                .header("x-request-id");
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"secret prompt 7c1e\"}]}";
    }

    private static Span server(List<Span> spans) {
        return spans.stream()
                .filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
                .findFirst()
                .orElseThrow();
    }

    private static List<Span> attempts(List<Span> spans) {
        return spans.stream()
                .filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT)
                .filter(s -> "chat".equals(text(s, "gen_ai.operation.name")))
                .sorted(Comparator.comparing(s -> integer(s, "switchboard.attempt")))
                .toList();
    }

    /**
     * Regression (bench/NOTES.md §17): OpenTelemetry's autoconfiguration added a batch span processor for Quarkus's
     * {@code cdi} traces exporter, whose exporter is the no-op one when the application has no SpanExporter bean;
     * every span was queued to it, copied and kept until its batch filled, for nothing. Spans go to Quarkus's
     * processor (Switchboard's export inside) alone.
     */
    @Test
    void everyEndedSpanTakesOneExportPath() {
        String tracing = ((io.opentelemetry.sdk.OpenTelemetrySdk) otel)
                .getSdkTracerProvider()
                .toString();
        assertThat(tracing).contains("LateBoundSpanProcessor").doesNotContain("BatchSpanProcessor");
    }

    @Test
    void aCallIsAServerSpanContinuingTheCallerWithOneGenAiClientSpanThatTheUpstreamAndTheCostRecordJoin() {
        Caller caller = Caller.random();
        String requestId = post(caller, chat("emu/emulator-tele-plain", false));

        List<Span> spans = Exported.trace(TelemetryProfile.receiver(), caller.traceId(), 2);
        Span server = server(spans);
        assertThat(server.getName()).isEqualTo("POST /v1/chat/completions");
        assertThat(hex(server.getParentSpanId()))
                .as("continues the caller's span")
                .isEqualTo(caller.spanId());
        Span attempt = attempts(spans).get(0);
        assertThat(attempts(spans)).hasSize(1);
        assertThat(attempt.getName()).isEqualTo("chat emulator-tele-plain");
        assertThat(hex(attempt.getParentSpanId())).isEqualTo(hex(server.getSpanId()));
        assertThat(text(attempt, "gen_ai.provider.name")).isEqualTo("openai-compatible");
        assertThat(text(attempt, "gen_ai.request.model")).isEqualTo("emulator-tele-plain");
        assertThat(text(attempt, "gen_ai.response.model")).isNotBlank();
        assertThat(integer(attempt, "gen_ai.usage.input_tokens")).isPositive();
        assertThat(integer(attempt, "gen_ai.usage.output_tokens")).isPositive();
        assertThat(Exported.attribute(attempt.getAttributesList(), "gen_ai.response.finish_reasons")
                        .orElseThrow()
                        .getArrayValue()
                        .getValuesList())
                .extracting(AnyValue::getStringValue)
                .containsExactly("stop");
        assertThat(text(attempt, "switchboard.route")).isEqualTo("emu/emulator-tele-plain");
        assertThat(integer(attempt, "switchboard.attempt")).isEqualTo(1L);
        assertThat(text(attempt, "switchboard.outcome")).isEqualTo("ok");
        assertThat(attempt.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(attempt.getAttributesList())
                .extracting(KeyValue::getKey)
                .as("no content unless opted in")
                .doesNotContain("gen_ai.input.messages", "gen_ai.output.messages");
        assertThat(attempt.toString()).doesNotContain("secret prompt 7c1e");

        RecordedRequest upstream =
                EmulatorResource.emulator().requests("emulator-tele-plain").get(0);
        assertThat(upstream.header("traceparent"))
                .as("the upstream joins the trace under the attempt span")
                .isEqualTo("00-" + caller.traceId() + "-" + hex(attempt.getSpanId()) + "-01");

        assertThat(costRecords(requestId))
                .singleElement()
                .satisfies(r -> assertThat(r.path("trace_id").asText()).isEqualTo(caller.traceId()));
    }

    /** The SDK-backed providers carry the trace too: a header on Bedrock's signed HTTP call, metadata on Vertex's gRPC. */
    @Test
    void bedrockAndVertexCallsCarryTheAttemptsTraceparent() {
        for (String provider : List.of("emu-bedrock", "emu-vertex")) {
            for (boolean stream : List.of(false, true)) {
                String model = "emulator-tele-" + provider.substring(4) + (stream ? "-stream" : "-plain");
                Caller caller = Caller.random();
                post(caller, chat(provider + "/" + model, stream));

                Span attempt = attempts(Exported.trace(TelemetryProfile.receiver(), caller.traceId(), 2))
                        .get(0);
                assertThat(EmulatorResource.emulator().requests(model))
                        .as(model)
                        .singleElement()
                        .satisfies(upstream -> assertThat(upstream.header("traceparent"))
                                .isEqualTo("00-" + caller.traceId() + "-" + hex(attempt.getSpanId()) + "-01"));
            }
        }
    }

    @Test
    void aStreamsAttemptSpanCoversTheWholeStreamWithItsTimeToFirstToken() {
        Caller caller = Caller.random();
        post(caller, chat("emu/emulator-tele-stream", true));

        List<Span> spans = Exported.trace(TelemetryProfile.receiver(), caller.traceId(), 2);
        Span attempt = attempts(spans).get(0);
        assertThat(attempt.getName()).isEqualTo("chat emulator-tele-stream");
        assertThat(Exported.attribute(attempt.getAttributesList(), "switchboard.stream")
                        .orElseThrow()
                        .getBoolValue())
                .isTrue();
        assertThat(integer(attempt, "gen_ai.usage.output_tokens")).isPositive();
        assertThat(integer(attempt, "switchboard.ttft_ms")).isNotNull();
        assertThat(attempt.getEventsList()).extracting(Span.Event::getName).contains("gen_ai.first_token");
        Span.Event first = attempt.getEventsList().get(0);
        assertThat(first.getTimeUnixNano()).isBetween(attempt.getStartTimeUnixNano(), attempt.getEndTimeUnixNano());
        assertThat(hex(attempt.getParentSpanId())).isEqualTo(hex(server(spans).getSpanId()));
    }

    @Test
    void aFallbackIsTwoAttemptSpansUnderTheRequestTheFirstAnError() {
        Caller caller = Caller.random();
        post(caller, chat(TelemetryProfile.FALLBACK_ROUTE, false));

        List<Span> spans = Exported.trace(TelemetryProfile.receiver(), caller.traceId(), 3);
        Span server = server(spans);
        List<Span> attempts = attempts(spans);
        assertThat(attempts).hasSize(2);
        assertThat(attempts).allSatisfy(a -> {
            assertThat(hex(a.getParentSpanId())).isEqualTo(hex(server.getSpanId()));
            assertThat(text(a, "switchboard.route")).isEqualTo(TelemetryProfile.FALLBACK_ROUTE);
        });
        Span failed = attempts.get(0);
        assertThat(failed.getName()).isEqualTo("chat " + TelemetryProfile.FAILING_MODEL);
        assertThat(failed.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(text(failed, "error.type")).isNotBlank().isEqualTo(text(failed, "switchboard.outcome"));
        Span answered = attempts.get(1);
        assertThat(answered.getName()).isEqualTo("chat " + TelemetryProfile.ANSWERING_MODEL);
        assertThat(integer(answered, "switchboard.attempt")).isEqualTo(2L);
        assertThat(text(answered, "switchboard.attempt.kind")).isEqualTo("fallback");
        assertThat(text(answered, "switchboard.outcome")).isEqualTo("ok");
        assertThat(text(answered, "error.type")).isNull();
    }

    @Test
    void theGenAiMetricsAreExportedWithLowCardinalityAttributes() {
        post(Caller.random(), chat("emu/emulator-tele-metrics", true));
        post(Caller.random(), chat(TelemetryProfile.FALLBACK_ROUTE, false));
        observer.batchLines("emu", "emulator-batch", "ok", 3);
        OtlpReceiver receiver = TelemetryProfile.receiver();

        HistogramDataPoint input = await(
                () -> "input token usage; newest export: "
                        + Exported.newest(
                                receiver,
                                "gen_ai.client.token.usage",
                                m -> Optional.of(m.getHistogram().getDataPointsList().stream()
                                        .map(p -> p.getAttributesList().stream()
                                                .map(kv -> kv.getKey() + "="
                                                        + kv.getValue().getStringValue())
                                                .toList())
                                        .toList())),
                () -> Exported.newest(
                        receiver,
                        "gen_ai.client.token.usage",
                        m -> histogramPoint(
                                m, "gen_ai.request.model", "emulator-tele-metrics", "gen_ai.token.type", "input")));
        assertThat(input.getCount()).isEqualTo(1);
        assertThat(input.getSum()).isPositive();
        HistogramDataPoint duration = await(
                "operation duration with error.type",
                () -> Exported.newest(
                        receiver,
                        "gen_ai.client.operation.duration",
                        m -> histogramPoint(m, "gen_ai.request.model", TelemetryProfile.FAILING_MODEL)));
        assertThat(duration.getAttributesList())
                .extracting(KeyValue::getKey)
                .contains("error.type", "gen_ai.provider.name");
        await(
                "time to first token",
                () -> Exported.newest(
                        receiver,
                        "gen_ai.server.time_to_first_token",
                        m -> histogramPoint(m, "gen_ai.request.model", "emulator-tele-metrics")));
        NumberDataPoint fallbacks = await(
                "fallbacks",
                () -> Exported.newest(
                        receiver,
                        "switchboard.fallbacks",
                        m -> sumPoint(m, "switchboard.route", TelemetryProfile.FALLBACK_ROUTE)));
        assertThat(fallbacks.getAsInt()).isPositive();
        await(
                "requests by outcome",
                () -> Exported.newest(
                        receiver,
                        "switchboard.requests",
                        m -> sumPoint(
                                m, "switchboard.route", TelemetryProfile.FALLBACK_ROUTE, "switchboard.outcome", "ok")));
        NumberDataPoint lines = await(
                "batch lines",
                () -> Exported.newest(
                        receiver,
                        "switchboard.batch.lines",
                        m -> sumPoint(m, "gen_ai.request.model", "emulator-batch")));
        assertThat(lines.getAsInt()).isEqualTo(3);

        // every attribute of every point (and exemplar) ever exported, once each: with a push every 200 ms the exports
        // hold thousands of metrics by now, for the same few attribute sets (their protobuf text was printed before)
        java.util.Set<String> attributes = new java.util.TreeSet<>();
        for (Metric m : receiver.metrics()) {
            if (!m.getName().startsWith("gen_ai.") && !m.getName().startsWith("switchboard.")) continue;
            attributes.add(m.getName() + " " + m.getDescription() + " " + m.getUnit());
            m.getHistogram().getDataPointsList().forEach(p -> {
                attributes.add(m.getName() + " " + pairs(p.getAttributesList()));
                p.getExemplarsList()
                        .forEach(e -> attributes.add(m.getName() + " " + pairs(e.getFilteredAttributesList())));
            });
            m.getSum().getDataPointsList().forEach(p -> {
                attributes.add(m.getName() + " " + pairs(p.getAttributesList()));
                p.getExemplarsList()
                        .forEach(e -> attributes.add(m.getName() + " " + pairs(e.getFilteredAttributesList())));
            });
        }
        assertThat(attributes).anyMatch(a -> a.contains("emulator-tele-metrics"));
        assertThat(attributes)
                .allSatisfy(a -> assertThat(a).doesNotContain("request_id", "req_", "user:", "secret prompt"));
        assertThat(receiver.failures()).isEmpty();
    }

    @Test
    void thePrometheusEndpointServesTheSameMetrics() {
        post(Caller.random(), chat(EmulatorResource.PRICED_MODEL, true));
        observer.batchLines("emu", "emulator-batch-prom", "ok", 1);
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(text)
                .contains(
                        "gen_ai_client_token_usage",
                        "gen_ai_client_operation_duration",
                        "gen_ai_server_time_to_first_token",
                        "switchboard_requests",
                        "switchboard_cost",
                        "switchboard_batch_lines",
                        "gen_ai_token_type=\"output\"",
                        "gen_ai_request_model=\"emulator-priced\"");
    }

    /** {@code key=value ...} of exported attributes (strings as they are, other values as their number or flag). */
    private static String pairs(List<KeyValue> attributes) {
        StringBuilder b = new StringBuilder();
        for (KeyValue kv : attributes) {
            AnyValue v = kv.getValue();
            b.append(kv.getKey()).append('=');
            switch (v.getValueCase()) {
                case STRING_VALUE -> b.append(v.getStringValue());
                case INT_VALUE -> b.append(v.getIntValue());
                case BOOL_VALUE -> b.append(v.getBoolValue());
                case DOUBLE_VALUE -> b.append(v.getDoubleValue());
                default -> b.append(v);
            }
            b.append(' ');
        }
        return b.toString();
    }

    private static List<JsonNode> costRecords(String requestId) {
        try {
            return Files.readAllLines(EmulatorResource.costFile()).stream()
                    .filter(l -> l.contains(requestId))
                    .map(TelemetryTest::parse)
                    .filter(r -> requestId.equals(r.path("request_id").asText()))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
