package dev.switchboard.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Traces of the packaged Cloud Function under the real Functions Framework invoker, exported over OTLP/HTTP to a
 * receiver in this JVM: a streamed chat completion, which the entry point serves itself outside the Vert.x router,
 * continues the caller's {@code traceparent} with one SERVER span whose child is the attempt span, as a request through
 * the router does; a 5xx makes it an ERROR.
 */
class FunctionInvokerTraceIT {
    private static final HexFormat HEX = HexFormat.of();
    private static final List<Span> SPANS = new CopyOnWriteArrayList<>();

    private static Emulator emulator;
    private static HttpServer receiver;
    private static InvokerProcess function;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.defaults());
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/traces", ex -> {
            byte[] body;
            boolean gzip = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("content-encoding"));
            try (InputStream in = gzip ? new GZIPInputStream(ex.getRequestBody()) : ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            ExportTraceServiceRequest.parseFrom(body)
                    .getResourceSpansList()
                    .forEach(rs -> rs.getScopeSpansList().forEach(ss -> SPANS.addAll(ss.getSpansList())));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        String otlp = "http://127.0.0.1:" + receiver.getAddress().getPort();
        function = InvokerProcess.switchboard(
                emulator,
                List.of(
                        "-Dswitchboard.providers.emu.type=openai-compatible",
                        "-Dswitchboard.providers.emu.base-url=" + emulator.httpBaseUri() + "/v1",
                        "-Dquarkus.otel.exporter.otlp.endpoint=" + otlp,
                        "-Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf",
                        "-Dquarkus.otel.exporter.otlp.metrics.protocol=http/protobuf",
                        "-Dquarkus.otel.bsp.schedule.delay=50ms"),
                Map.of());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        if (function != null) function.close();
        if (receiver != null) receiver.stop(0);
        if (emulator != null) emulator.close();
        if (client != null) client.close();
    }

    @Test
    void aStreamedChatContinuesTheCallersTraceWithOneServerSpan() throws Exception {
        String trace = hex(16);
        String parent = hex(8);
        HttpResponse<String> r = post("vertex/emulator-1", true, trace, parent);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).endsWith("data: [DONE]\n\n");

        List<Span> spans = awaitTrace(trace, 2);
        List<Span> servers = ofKind(spans, Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(servers).as("one server span: %s", spans).hasSize(1);
        Span server = servers.get(0);
        assertThat(server.getName()).isEqualTo("POST /v1/chat/completions");
        assertThat(HEX.formatHex(server.getParentSpanId().toByteArray())).isEqualTo(parent);
        assertThat(attribute(server, "http.route")).isEqualTo("/v1/chat/completions");
        assertThat(attribute(server, "http.response.status_code")).isEqualTo("200");
        assertThat(server.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        Span attempt = ofKind(spans, Span.SpanKind.SPAN_KIND_CLIENT).get(0);
        assertThat(attempt.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(server.getEndTimeUnixNano())
                .as("the server span covers the whole stream")
                .isGreaterThanOrEqualTo(attempt.getEndTimeUnixNano());
    }

    @Test
    void aChatThroughTheBridgeStillHasExactlyOneServerSpan() throws Exception {
        String trace = hex(16);
        assertThat(post("vertex/emulator-1", false, trace, hex(8)).statusCode()).isEqualTo(200);
        List<Span> spans = awaitTrace(trace, 2);
        assertThat(ofKind(spans, Span.SpanKind.SPAN_KIND_SERVER))
                .as("the router's server span only: %s", spans)
                .hasSize(1);
    }

    @Test
    void aFailedStreamedChatIsAnErrorServerSpan() throws Exception {
        String trace = hex(16);
        HttpResponse<String> r = post("emu/emulator-fault-500", true, trace, hex(8));
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(500);
        Span server =
                ofKind(awaitTrace(trace, 2), Span.SpanKind.SPAN_KIND_SERVER).get(0);
        assertThat(attribute(server, "http.response.status_code")).isEqualTo(String.valueOf(r.statusCode()));
        assertThat(attribute(server, "error.type")).isEqualTo(String.valueOf(r.statusCode()));
        assertThat(server.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    private static HttpResponse<String> post(String model, boolean stream, String trace, String parent)
            throws Exception {
        String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";
        return client.send(
                HttpRequest.newBuilder(function.uri("/v1/chat/completions"))
                        .timeout(Duration.ofSeconds(30))
                        .header("content-type", "application/json")
                        .header("traceparent", "00-" + trace + "-" + parent + "-01")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The trace's spans once at least {@code count} arrived and a server span among them, waiting up to 10 s. */
    private static List<Span> awaitTrace(String trace, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Span> spans = SPANS.stream()
                    .filter(s -> HEX.formatHex(s.getTraceId().toByteArray()).equals(trace))
                    .toList();
            boolean server = !ofKind(spans, Span.SpanKind.SPAN_KIND_SERVER).isEmpty();
            if ((spans.size() >= count && server) || System.nanoTime() > deadline) {
                Thread.sleep(300); // anything else of the trace (a second server span would be a bug)
                return SPANS.stream()
                        .filter(s -> HEX.formatHex(s.getTraceId().toByteArray()).equals(trace))
                        .toList();
            }
            Thread.sleep(50);
        }
    }

    private static List<Span> ofKind(List<Span> spans, Span.SpanKind kind) {
        return spans.stream().filter(s -> s.getKind() == kind).toList();
    }

    private static String attribute(Span span, String key) {
        for (KeyValue kv : span.getAttributesList()) {
            if (!kv.getKey().equals(key)) continue;
            var v = kv.getValue();
            return v.hasIntValue() ? String.valueOf(v.getIntValue()) : v.getStringValue();
        }
        return null;
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HEX.formatHex(b);
    }
}
