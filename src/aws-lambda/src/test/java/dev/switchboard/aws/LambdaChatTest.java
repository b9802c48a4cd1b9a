package dev.switchboard.aws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.cost.format.EmfFormat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Chat completions through the Lambda HTTP bridge, driven over HTTP by Quarkus's mock event server (which turns
 * each request into an API Gateway HTTP API v2 event and the function's answer back into HTTP), with Bedrock and
 * an OpenAI-compatible provider on the emulator. Every cost record is checked as CloudWatch would read it: the EMF
 * line the function printed on stdout.
 */
@QuarkusTest
@QuarkusTestResource(value = LambdaEmulatorResource.class, restrictToAnnotatedClass = false)
class LambdaChatTest {
    private static final String HELLO = "Hello from the Switchboard emulator. You said: ping";

    @Test
    void bedrockChatAnswersAndEmitsOneEmfLinePerAttempt() {
        String id = requestId();
        Response r = given().contentType(ContentType.JSON)
                .header("x-request-id", id)
                .body(chat("emu-bedrock/emulator-1", false))
                .when()
                .post("/v1/chat/completions");
        r.then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("x-request-id", id)
                .header("x-switchboard-target", "emu-bedrock/emulator-1")
                .header("x-switchboard-overhead-ms", matchesPattern("\\d+\\.\\d{3}"))
                .body("choices[0].message.content", equalTo(HELLO))
                .body("model", equalTo("emu-bedrock/emulator-1"));
        JsonPath body = r.jsonPath();
        long prompt = body.getLong("usage.prompt_tokens");
        long completion = body.getLong("usage.completion_tokens");
        assertThat(prompt).isPositive();
        assertThat(completion).isEqualTo(HELLO.split(" ").length);

        JsonNode emf = CostLines.emf(id, 1).get(0);
        assertEmfDirective(emf);
        assertThat(emf.path("provider").asText()).isEqualTo("emu-bedrock");
        assertThat(emf.path("model").asText()).isEqualTo("emulator-1");
        assertThat(emf.path("route").asText()).isEqualTo(r.header("x-switchboard-route"));
        assertThat(emf.path("outcome").asText()).isEqualTo("ok");
        assertThat(emf.path("stream").asBoolean()).isFalse();
        assertThat(emf.path("attempt").asInt()).isEqualTo(1);
        assertThat(emf.path("InputTokens").asLong())
                .isEqualTo(prompt)
                .isEqualTo(emf.path("input_tokens").asLong());
        assertThat(emf.path("OutputTokens").asLong())
                .isEqualTo(completion)
                .isEqualTo(emf.path("output_tokens").asLong());
        // 3 and 15 USD per million tokens, configured by the test resource
        BigDecimal expected = BigDecimal.valueOf(prompt * 3 + completion * 15).movePointLeft(6);
        assertThat(emf.path("CostUsd").decimalValue())
                .isEqualByComparingTo(expected)
                .isEqualByComparingTo(new BigDecimal(r.header("x-switchboard-cost-usd")));
        assertThat(metricNames(emf))
                .contains("InputTokens", "OutputTokens", "CostUsd", "LatencyMs")
                .doesNotContain("TtftMs"); // not a stream: not reported, so no datapoint

        JsonNode jsonl =
                CostLines.file(LambdaEmulatorResource.costFile(), id, 1).get(0);
        assertThat(jsonl.path("input_tokens").asLong()).isEqualTo(prompt);
        assertThat(jsonl.path("cost_usd").decimalValue()).isEqualByComparingTo(expected);
    }

    @Test
    void openAiCompatibleRouteAnswers() {
        String id = requestId();
        given().contentType(ContentType.JSON)
                .header("x-request-id", id)
                .body(chat("emu-route", false))
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("x-switchboard-route", "emu-route")
                .body("choices[0].message.content", equalTo(HELLO))
                .body("model", equalTo("emu/emulator-1"));
        JsonNode emf = CostLines.emf(id, 1).get(0);
        assertEmfDirective(emf);
        assertThat(emf.path("provider").asText()).isEqualTo("emu");
        assertThat(emf.path("route").asText()).isEqualTo("emu-route");
        // no price for this model: cost is "not reported", which is not zero
        assertThat(emf.has("CostUsd")).isFalse();
        assertThat(emf.path("pricing").asText()).isEqualTo("unknown");
    }

    /**
     * The bridge buffers, so a stream arrives whole: it must be a complete SSE document with a Content-Length and
     * no (empty) transfer-encoding, or HTTP clients wait for more forever. A plain JDK client with a timeout makes
     * a hang a failure instead of a stuck build.
     */
    @Test
    void streamIsACompleteSseDocumentWithContentLength() throws Exception {
        for (String model : List.of("emu-bedrock/emulator-1", "emu-route")) {
            String id = requestId();
            HttpResponse<byte[]> r = post(id, chat(model, true));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            assertThat(r.headers().firstValue("x-request-id")).hasValue(id);
            assertThat(r.headers().firstValue("content-length")).hasValue(String.valueOf(r.body().length));
            assertThat(r.headers().allValues("transfer-encoding"))
                    .as("transfer-encoding")
                    .isEmpty();

            Sse sse = Sse.parse(new String(r.body(), StandardCharsets.UTF_8));
            assertThat(sse.endsWithDone()).as("ends with data: [DONE]").isTrue();
            assertThat(sse.content()).isEqualTo(HELLO);
            JsonNode usage = sse.usage();
            assertThat(usage.path("completion_tokens").asLong()).isEqualTo(HELLO.split(" ").length);

            JsonNode emf = CostLines.emf(id, 1).get(0);
            assertEmfDirective(emf);
            assertThat(emf.path("stream").asBoolean()).isTrue();
            assertThat(emf.path("InputTokens").asLong())
                    .isEqualTo(usage.path("prompt_tokens").asLong());
            assertThat(emf.path("OutputTokens").asLong())
                    .isEqualTo(usage.path("completion_tokens").asLong());
            assertThat(metricNames(emf)).contains("TtftMs", "LatencyMs");
        }
    }

    @Test
    void streamedUpstreamFailureEndsTheDocumentWithAnErrorFrame() throws Exception {
        HttpResponse<byte[]> r = post(requestId(), chat("emu-bedrock/emulator-fault-500-mid2", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-length")).hasValue(String.valueOf(r.body().length));
        Sse sse = Sse.parse(new String(r.body(), StandardCharsets.UTF_8));
        assertThat(sse.chunks()).anySatisfy(c -> assertThat(c.has("error")).isTrue());
    }

    @Test
    void errorsAreOpenAiJsonWithTheirStatus() {
        // missing messages
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"emu-route\"}")
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.param", equalTo("messages"))
                .header("x-request-id", matchesPattern("[A-Za-z0-9._:-]+"));
        // unknown route / provider
        given().contentType(ContentType.JSON)
                .body(chat("nope", false))
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(404)
                .body("error.param", equalTo("model"));
        given().contentType(ContentType.JSON)
                .body(chat("nope/x", false))
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(404)
                .body("error.message", containsString("Unknown provider 'nope'"));
        // a provider without its key (none in the environment, no secret ARN): 503 naming the key to set
        given().contentType(ContentType.JSON)
                .body(chat("openai/gpt-4o-mini", false))
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(503)
                .body("error.message", containsString("switchboard.providers.openai.api-key"));
        // upstream statuses
        given().contentType(ContentType.JSON)
                .body(chat("emu-bedrock/emulator-fault-429", false))
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(429)
                .body("error.type", equalTo("rate_limit_error"));
        // the upstream's Retry-After survives the bridge (the Bedrock provider does not read one; HTTP providers do)
        given().contentType(ContentType.JSON)
                .body(chat("emu/emulator-fault-429-ra2", false))
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(429)
                .header("retry-after", "2")
                .body("error.type", equalTo("rate_limit_error"));
        given().contentType(ContentType.JSON)
                .body(chat("emu/emulator-fault-500", false))
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(502)
                .body("error.message", matchesPattern("(?s).+"));
        // unknown URL
        given().when().get("/v2/nothing").then().statusCode(404).body("error.code", equalTo("unknown_url"));
    }

    @Test
    void failedAttemptsAreAccountedToo() {
        String id = requestId();
        given().contentType(ContentType.JSON)
                .header("x-request-id", id)
                .body(chat("emu-bedrock/emulator-fault-429", false))
                .when()
                .post("/v1/chat/completions")
                .then()
                .statusCode(429);
        JsonNode emf = CostLines.emf(id, 1).get(0);
        assertEmfDirective(emf);
        assertThat(emf.path("outcome").asText()).isEqualTo("rate_limited");
        assertThat(emf.has("InputTokens")).isFalse();
    }

    @Test
    void requestIdIsEchoedOrAssigned() {
        given().header("x-request-id", "caller-chosen-1")
                .when()
                .get("/health/live")
                .then()
                .statusCode(200)
                .header("x-request-id", "caller-chosen-1");
        String assigned = given().header("x-request-id", "bad id with spaces")
                .when()
                .get("/health/live")
                .then()
                .statusCode(200)
                .extract()
                .header("x-request-id");
        assertThat(assigned).isNotEqualTo("bad id with spaces").matches("[A-Za-z0-9._:-]+");
    }

    static void assertEmfDirective(JsonNode emf) {
        JsonNode aws = emf.path("_aws");
        assertThat(aws.path("Timestamp").isIntegralNumber())
                .as("_aws.Timestamp")
                .isTrue();
        assertThat(aws.path("Timestamp").asLong())
                .isBetween(System.currentTimeMillis() - 600_000, System.currentTimeMillis() + 1000);
        JsonNode directives = aws.path("CloudWatchMetrics");
        assertThat(directives.size()).isEqualTo(1);
        JsonNode d = directives.get(0);
        assertThat(d.path("Namespace").asText()).isEqualTo(LambdaEmulatorResource.NAMESPACE);
        List<List<String>> sets = new ArrayList<>();
        d.path("Dimensions").forEach(set -> {
            List<String> names = new ArrayList<>();
            set.forEach(n -> names.add(n.asText()));
            sets.add(names);
        });
        assertThat(sets).containsExactly(EmfFormat.DIMENSIONS, List.of());
        // every dimension is a string property (EMF drops the directive otherwise); ids stay properties only
        for (String dim : EmfFormat.DIMENSIONS)
            assertThat(emf.path(dim).isTextual()).as(dim).isTrue();
        assertThat(emf.path("request_id").isTextual()).isTrue();
        assertThat(emf.path("record_type").asText()).isEqualTo(EmfFormat.RECORD_TYPE);
        // every declared metric has a numeric member of the same name, and a known unit
        for (JsonNode m : d.path("Metrics")) {
            assertThat(emf.path(m.path("Name").asText()).isNumber())
                    .as("metric " + m)
                    .isTrue();
            assertThat(m.path("Unit").asText()).isIn("Count", "None", "Milliseconds");
        }
    }

    static List<String> metricNames(JsonNode emf) {
        List<String> names = new ArrayList<>();
        emf.path("_aws")
                .path("CloudWatchMetrics")
                .get(0)
                .path("Metrics")
                .forEach(m -> names.add(m.path("Name").asText()));
        return names;
    }

    static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]"
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }

    static String requestId() {
        return "req-" + UUID.randomUUID();
    }

    static HttpResponse<byte[]> post(String requestId, String body) throws Exception {
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest req = HttpRequest.newBuilder(
                            URI.create("http://localhost:" + RestAssured.port + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json")
                    .header("x-request-id", requestId)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
