package dev.switchboard.server.telemetry;

import static dev.switchboard.server.telemetry.Exported.hex;
import static dev.switchboard.server.telemetry.Exported.integer;
import static dev.switchboard.server.telemetry.Exported.text;
import static dev.switchboard.server.telemetry.Exported.traceparent;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The request's SERVER span as Switchboard makes it ({@code dev.switchboard.api.telemetry.ServerSpans}, in place of
 * Quarkus's Vert.x HTTP instrumentation): named from the route template, the HTTP semantic-convention attributes, an
 * ERROR on a 5xx, ended after a stream's last byte and when the client goes away mid-stream.
 */
@QuarkusTest
@TestProfile(TelemetryProfile.class)
class ServerSpanTest {

    private static String traceId() {
        return Exported.newTraceId();
    }

    private static Span server(String traceId) {
        return Exported.server(TelemetryProfile.receiver(), traceId);
    }

    private static Span attempt(String traceId) {
        return Exported.trace(TelemetryProfile.receiver(), traceId, 2).stream()
                .filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT)
                .findFirst()
                .orElseThrow();
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    @Test
    void theSpanIsNamedFromTheRouteTemplateWithTheHttpAttributes() {
        String trace = traceId();
        given().header("traceparent", traceparent(trace))
                .header("User-Agent", "OpenAI/Python 1.99.0")
                // no trusted proxy is configured: a caller's forwarding headers name nothing
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "elsewhere.example.com")
                .contentType("application/json")
                .body(chat("emu/emulator-srv-plain", false))
                .post("/v1/chat/completions?x=1")
                .then()
                .statusCode(200);
        Span chat = server(trace);
        assertThat(chat.getName()).isEqualTo("POST /v1/chat/completions");
        assertThat(text(chat, "http.request.method")).isEqualTo("POST");
        assertThat(text(chat, "http.route")).isEqualTo("/v1/chat/completions");
        assertThat(text(chat, "url.path")).isEqualTo("/v1/chat/completions");
        assertThat(text(chat, "url.scheme")).isEqualTo("http");
        assertThat(integer(chat, "http.response.status_code")).isEqualTo(200L);
        assertThat(text(chat, "server.address")).isEqualTo("localhost");
        assertThat(integer(chat, "server.port")).isEqualTo((long) RestAssured.port);
        assertThat(text(chat, "user_agent.original")).isEqualTo("OpenAI/Python 1.99.0");
        assertThat(text(chat, "url.query"))
                .as("a query may hold a caller's key")
                .isNull();
        assertThat(text(chat, "error.type")).isNull();
        assertThat(chat.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);

        String messages = traceId();
        given().header("traceparent", traceparent(messages))
                .contentType("application/json")
                .body("{\"model\":\"emu/emulator-srv-messages\",\"max_tokens\":16,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/messages")
                .then()
                .statusCode(200);
        assertThat(server(messages).getName()).isEqualTo("POST /v1/messages");

        // a template with a path parameter names the span, not the path; a 404 from the resource is no error
        String batch = traceId();
        given().header("traceparent", traceparent(batch))
                .get("/v1/batches/batch_absent_1")
                .then()
                .statusCode(404);
        Span get = server(batch);
        assertThat(get.getName()).isEqualTo("GET /v1/batches/{id}");
        assertThat(text(get, "url.path")).isEqualTo("/v1/batches/batch_absent_1");
        assertThat(integer(get, "http.response.status_code")).isEqualTo(404L);
        assertThat(get.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void anUnknownRouteIsNamedByItsMethodAlone() {
        String trace = traceId();
        given().header("traceparent", traceparent(trace))
                .contentType("application/json")
                .body("{}")
                .post("/v1/no-such-endpoint/7f3a")
                .then()
                .statusCode(404);
        Span span = server(trace);
        assertThat(span.getName()).as("low cardinality: no path in the name").isEqualTo("POST");
        assertThat(text(span, "http.route")).isNull();
        assertThat(integer(span, "http.response.status_code")).isEqualTo(404L);
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceAtTheDefaultRatio() {
        String model =
                "emulator-root-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        given().contentType("application/json")
                .body(chat("emu/" + model, false))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        Span attempt = Exported.await(
                "the attempt span of " + model,
                () -> TelemetryProfile.receiver().spans().stream()
                        .filter(s -> model.equals(text(s, "gen_ai.request.model")))
                        .findFirst());
        Span server = server(hex(attempt.getTraceId()));
        assertThat(server.getParentSpanId().isEmpty()).as("a root span").isTrue();
        assertThat(hex(attempt.getParentSpanId())).isEqualTo(hex(server.getSpanId()));
    }

    @Test
    void aServerErrorIsAnErrorSpanWithItsStatusAsErrorType() {
        String trace = traceId();
        int status = given().header("traceparent", traceparent(trace))
                .contentType("application/json")
                .body(chat("emu/emulator-fault-500-srv", false))
                .post("/v1/chat/completions")
                .then()
                .extract()
                .statusCode();
        assertThat(status).isGreaterThanOrEqualTo(500);
        Span span = server(trace);
        assertThat(span.getName()).isEqualTo("POST /v1/chat/completions");
        assertThat(integer(span, "http.response.status_code")).isEqualTo((long) status);
        assertThat(text(span, "error.type")).isEqualTo(Integer.toString(status));
        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    }

    @Test
    void aStreamsServerSpanEndsAfterItsLastByte() {
        String trace = traceId();
        String body = given().header("traceparent", traceparent(trace))
                .contentType("application/json")
                .body(chat("emu/emulator-srv-stream-gap20", true))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(body).contains("[DONE]");
        Span attempt = attempt(trace);
        Span server = server(trace);
        assertThat(hex(attempt.getParentSpanId())).isEqualTo(hex(server.getSpanId()));
        assertThat(server.getStartTimeUnixNano()).isLessThanOrEqualTo(attempt.getStartTimeUnixNano());
        assertThat(server.getEndTimeUnixNano())
                .as("the server span covers the whole stream")
                .isGreaterThanOrEqualTo(attempt.getEndTimeUnixNano());
    }

    @Test
    void aClientThatLeavesMidStreamStillEndsTheSpan() throws Exception {
        String trace = traceId();
        byte[] json = chat("emu/emulator-srv-leave-gap300", true).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\n"
                            + "traceparent: " + traceparent(trace) + "\r\ncontent-length: " + json.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(64), StandardCharsets.US_ASCII);
            assertThat(head).startsWith("HTTP/1.1 200");
        } // closed with the stream still going (a chunk every 300 ms)
        Span server = server(trace);
        assertThat(server.getName()).isEqualTo("POST /v1/chat/completions");
        assertThat(server.getEndTimeUnixNano()).isGreaterThan(server.getStartTimeUnixNano());
        assertThat(text(attempt(trace), "switchboard.outcome")).isEqualTo("client_cancelled");
    }

    @Test
    void nonApplicationEndpointsAreNotTraced() {
        String trace = traceId();
        given().header("traceparent", traceparent(trace))
                .get("/q/metrics")
                .then()
                .statusCode(200);
        String marker = traceId();
        given().header("traceparent", traceparent(marker))
                .get("/v1/models")
                .then()
                .statusCode(200);
        // the later request's span arrived, so the earlier one's would have too
        assertThat(server(marker).getName()).isEqualTo("GET /v1/models");
        List<Span> metrics = TelemetryProfile.receiver().spans().stream()
                .filter(s -> hex(s.getTraceId()).equals(trace))
                .toList();
        assertThat(metrics).isEmpty();
    }
}
