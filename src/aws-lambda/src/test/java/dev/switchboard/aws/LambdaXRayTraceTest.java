package dev.switchboard.aws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The Lambda package with spans exported (OTLP/HTTP to a receiver in the test): a request carrying only an
 * {@code X-Amzn-Trace-Id} (API Gateway, ALB, X-Ray active tracing) continues that X-Ray trace through the package's
 * configured propagators ({@code tracecontext,baggage,xray}), and wins over a W3C {@code traceparent} sent with it.
 */
@QuarkusTest
@TestProfile(LambdaXRayTraceTest.Exported.class)
class LambdaXRayTraceTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final List<Span> SPANS = new CopyOnWriteArrayList<>();

    @Test
    void anXRayHeaderIsContinued() throws Exception {
        String trace = hex(16);
        String parent = hex(8);
        String xray = "Root=1-" + trace.substring(0, 8) + "-" + trace.substring(8) + ";Parent=" + parent + ";Sampled=1";
        post(xray, null);
        Span server = serverSpan(trace);
        assertThat(server.getName()).isEqualTo("POST /v1/chat/completions");
        assertThat(HEX.formatHex(server.getParentSpanId().toByteArray())).isEqualTo(parent);
        List<Span> attempts = ofTrace(trace).stream()
                .filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT)
                .toList();
        assertThat(attempts).isNotEmpty();
        assertThat(attempts.get(0).getParentSpanId()).isEqualTo(server.getSpanId());
    }

    @Test
    void anXRayHeaderWinsOverATraceparent() throws Exception {
        String w3c = hex(16);
        String other = hex(16);
        String xray = "Root=1-" + other.substring(0, 8) + "-" + other.substring(8) + ";Parent=" + hex(8) + ";Sampled=1";
        post(xray, "00-" + w3c + "-" + hex(8) + "-01");
        // the propagators run in order (application.yaml): X-Ray, last, wins when present (behind API Gateway or an
        // ALB with active tracing, the X-Ray trace is the one the platform's own segments are in)
        assertThat(serverSpan(other).getName()).isEqualTo("POST /v1/chat/completions");
        assertThat(ofTrace(w3c)).isEmpty();
    }

    private static void post(String xray, String traceparent) {
        var request = given().contentType(ContentType.JSON).header("X-Amzn-Trace-Id", xray);
        if (traceparent != null) request = request.header("traceparent", traceparent);
        request.body("{\"model\":\"emu/emulator-1\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}")
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
    }

    private static Span serverSpan(String trace) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (Span s : ofTrace(trace)) {
                if (s.getKind() == Span.SpanKind.SPAN_KIND_SERVER) return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no server span in trace " + trace + "; received: " + SPANS.size() + " spans");
    }

    private static List<Span> ofTrace(String trace) {
        return SPANS.stream()
                .filter(s -> HEX.formatHex(s.getTraceId().toByteArray()).equals(trace))
                .toList();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HEX.formatHex(b);
    }

    /** Spans exported over OTLP/HTTP within 50 ms to {@link Receiver}. */
    public static class Exported implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                    "quarkus.otel.exporter.otlp.metrics.protocol", "http/protobuf",
                    "quarkus.otel.bsp.schedule.delay", "50ms");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Receiver.class));
        }
    }

    /** An OTLP/HTTP receiver on a loopback port keeping the spans it decodes; other signals are acknowledged. */
    public static class Receiver implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/v1/traces", ex -> {
                boolean gzip = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("content-encoding"));
                try (InputStream in = gzip ? new GZIPInputStream(ex.getRequestBody()) : ex.getRequestBody()) {
                    ExportTraceServiceRequest.parseFrom(in.readAllBytes())
                            .getResourceSpansList()
                            .forEach(rs -> rs.getScopeSpansList().forEach(ss -> SPANS.addAll(ss.getSpansList())));
                }
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            server.createContext("/", ex -> {
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            server.start();
            return Map.of(
                    "quarkus.otel.exporter.otlp.endpoint",
                    "http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void stop() {
            if (server != null) server.stop(0);
        }
    }
}
