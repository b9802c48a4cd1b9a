package dev.switchboard.aws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact events Lambda delivers, posted raw to the mock event server's {@code /_lambda_} endpoint, which hands
 * them to the function unchanged and returns its raw response: an API Gateway HTTP API (payload format 2.0)
 * event, a Function URL event (same format, with the URL's domain and an IAM authorizer block), and bodies that
 * arrive base64-encoded.
 */
@QuarkusTest
@QuarkusTestResource(value = LambdaEmulatorResource.class, restrictToAnnotatedClass = false)
class LambdaEventShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELLO = "Hello from the Switchboard emulator. You said: ping";

    enum Source {
        HTTP_API,
        FUNCTION_URL
    }

    @Test
    void chatFromEitherSourceWithPlainAndBase64Bodies() throws Exception {
        for (Source source : Source.values()) {
            for (boolean base64 : new boolean[] {false, true}) {
                String id = "req-raw-" + source + "-" + base64;
                JsonNode resp = invoke(event(
                        source,
                        "POST",
                        "/v1/chat/completions",
                        id,
                        LambdaChatTest.chat("emu-bedrock/emulator-1", false),
                        base64));
                assertThat(resp.path("statusCode").asInt())
                        .as(source + " base64=" + base64)
                        .isEqualTo(200);
                assertThat(header(resp, "x-request-id")).isEqualTo(id);
                assertThat(header(resp, "content-type")).startsWith("application/json");
                JsonNode body = JSON.readTree(body(resp));
                assertThat(body.path("choices")
                                .get(0)
                                .path("message")
                                .path("content")
                                .asText())
                        .isEqualTo(HELLO);
                // the cost record carries the id the caller chose
                assertThat(CostLines.emf(id, 1)).hasSize(1);
            }
        }
    }

    @Test
    void streamFromEitherSourceIsOneCompleteBufferedBody() throws Exception {
        for (Source source : Source.values()) {
            String id = "req-raw-stream-" + source;
            JsonNode resp = invoke(event(
                    source,
                    "POST",
                    "/v1/chat/completions",
                    id,
                    LambdaChatTest.chat("emu-bedrock/emulator-1", true),
                    true));
            assertThat(resp.path("statusCode").asInt()).isEqualTo(200);
            assertThat(header(resp, "content-type")).startsWith("text/event-stream");
            assertThat(header(resp, "transfer-encoding"))
                    .as("transfer-encoding")
                    .isNull();
            String body = body(resp);
            if (header(resp, "content-length") != null) {
                assertThat(header(resp, "content-length"))
                        .isEqualTo(String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
            }
            Sse sse = Sse.parse(body);
            assertThat(sse.endsWithDone()).isTrue();
            assertThat(sse.content()).isEqualTo(HELLO);
            assertThat(sse.usage().path("total_tokens").asLong()).isPositive();
        }
    }

    @Test
    void errorsAndOtherRoutesThroughRawEvents() throws Exception {
        JsonNode bad = invoke(event(
                Source.FUNCTION_URL, "POST", "/v1/chat/completions", "req-raw-bad", "{\"model\":\"emu-route\"", true));
        assertThat(bad.path("statusCode").asInt()).isEqualTo(400);
        assertThat(JSON.readTree(body(bad)).path("error").path("type").asText()).isEqualTo("invalid_request_error");

        JsonNode missing = invoke(event(
                Source.HTTP_API,
                "POST",
                "/v1/chat/completions",
                "req-raw-404",
                LambdaChatTest.chat("nope", false),
                false));
        assertThat(missing.path("statusCode").asInt()).isEqualTo(404);
        assertThat(header(missing, "x-request-id")).isEqualTo("req-raw-404");

        JsonNode ready = invoke(event(Source.FUNCTION_URL, "GET", "/health/ready", "req-raw-ready", null, false));
        assertThat(ready.path("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(body(ready)).path("status").asText()).isEqualTo("UP");
    }

    static JsonNode invoke(String event) throws Exception {
        String raw = given().contentType(ContentType.JSON)
                .body(event)
                .when()
                .post("/_lambda_")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return JSON.readTree(raw);
    }

    /** A payload-format-2.0 event as API Gateway's HTTP API or a Function URL sends it. */
    static String event(Source source, String method, String path, String requestId, String body, boolean base64) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", "$default");
        e.put("rawPath", path);
        e.put("rawQueryString", "");
        ObjectNode headers = e.putObject("headers");
        headers.put("accept", "*/*");
        headers.put("x-request-id", requestId);
        headers.put("user-agent", "switchboard-test");
        headers.put("x-forwarded-proto", "https");
        if (body != null) headers.put("content-type", "application/json");
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", "123456789012");
        ctx.put("requestId", "lambda-" + requestId);
        ctx.put("routeKey", "$default");
        ctx.put("stage", "$default");
        ctx.put("time", "23/Nov/2026:12:00:00 +0000");
        ctx.put("timeEpoch", 1795435200000L);
        if (source == Source.FUNCTION_URL) {
            String urlId = "abcdefghijklmnopqrstuvwxyz012345";
            ctx.put("apiId", urlId);
            ctx.put("domainName", urlId + ".lambda-url.us-east-1.on.aws");
            ctx.put("domainPrefix", urlId);
            headers.put("host", urlId + ".lambda-url.us-east-1.on.aws");
            ObjectNode iam = ctx.putObject("authorizer").putObject("iam");
            iam.put("accessKey", "AKIAEXAMPLE");
            iam.put("accountId", "123456789012");
            iam.put("callerId", "AIDAEXAMPLE");
            iam.putNull("cognitoIdentity");
            iam.putNull("principalOrgId");
            iam.put("userArn", "arn:aws:iam::123456789012:user/caller");
            iam.put("userId", "AIDAEXAMPLE");
        } else {
            ctx.put("apiId", "a1b2c3d4e5");
            ctx.put("domainName", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com");
            ctx.put("domainPrefix", "a1b2c3d4e5");
            headers.put("host", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com");
        }
        ObjectNode http = ctx.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.7");
        http.put("userAgent", "switchboard-test");
        if (body != null) {
            e.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        }
        e.put("isBase64Encoded", body != null && base64);
        return e.toString();
    }

    static String header(JsonNode resp, String name) {
        for (Map.Entry<String, JsonNode> h : resp.path("headers").properties()) {
            if (h.getKey().equalsIgnoreCase(name)) return h.getValue().asText();
        }
        for (Map.Entry<String, JsonNode> h : resp.path("multiValueHeaders").properties()) {
            if (h.getKey().equalsIgnoreCase(name) && h.getValue().size() > 0)
                return h.getValue().get(0).asText();
        }
        return null;
    }

    static String body(JsonNode resp) {
        String b = resp.path("body").asText("");
        return resp.path("isBase64Encoded").asBoolean(false)
                ? new String(Base64.getDecoder().decode(b), StandardCharsets.UTF_8)
                : b;
    }
}
