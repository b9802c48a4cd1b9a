package dev.switchboard.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.cost.format.CloudLoggingFormat;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged Cloud Function ({@code target/deployment/*-runner.jar}) under the real Functions Framework invoker,
 * with {@code --target dev.switchboard.gcp.SwitchboardFunction} as deployed, Vertex AI (plaintext gRPC) and an
 * OpenAI-compatible provider on an emulator in this JVM. Configured the way Cloud Functions configures it:
 * environment variables ({@code GOOGLE_CLOUD_PROJECT}, {@code SWITCHBOARD_DEFAULT_TARGETS}) plus system properties
 * for what a deployment would not set (the endpoints).
 */
class FunctionInvokerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "switchboard-it";
    private static final String HELLO = "Hello from the Switchboard emulator. You said: ping";
    private static final String TRACE_ID = "105445aa7843bc8bf206b12000100000";

    private static Emulator emulator;
    private static InvokerProcess function;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.defaults());
        function = InvokerProcess.switchboard(
                emulator,
                List.of(
                        "-Dswitchboard.providers.emu.type=openai-compatible",
                        "-Dswitchboard.providers.emu.base-url=" + emulator.httpBaseUri() + "/v1",
                        "-Dswitchboard.limits.max-body-size=64K"),
                Map.of("GOOGLE_CLOUD_PROJECT", PROJECT));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        if (function != null) function.close();
        if (emulator != null) emulator.close();
        if (client != null) client.close();
    }

    @Test
    void chatThroughTheQuarkusBridgeWithCloudLoggingCostLine() throws Exception {
        for (String model : List.of("default", "vertex/emulator-1", "emu/emulator-1")) {
            String id = "req-" + UUID.randomUUID();
            HttpResponse<String> r = post(chat(model, false), id, TRACE_ID + "/1;o=1");
            assertThat(r.statusCode()).as(model).isEqualTo(200);
            assertThat(r.headers().firstValue("x-request-id")).hasValue(id);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("choices")
                            .get(0)
                            .path("message")
                            .path("content")
                            .asText())
                    .isEqualTo(HELLO);
            JsonNode usage = body.path("usage");

            JsonNode line = costLine(id);
            assertThat(line.path("severity").asText()).isEqualTo("INFO");
            assertThat(line.path("message").asText()).isEqualTo(CloudLoggingFormat.MESSAGE);
            assertThat(line.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.+Z");
            JsonNode labels = line.path(CloudLoggingFormat.LABELS);
            assertThat(labels.path("switchboard_record").asText()).isEqualTo("cost");
            assertThat(labels.path("provider").asText()).isEqualTo(model.startsWith("emu/") ? "emu" : "vertex");
            assertThat(labels.path("model").asText()).isEqualTo("emulator-1");
            assertThat(labels.path("route").asText())
                    .isEqualTo(r.headers().firstValue("x-switchboard-route").orElseThrow());
            assertThat(labels.path("outcome").asText()).isEqualTo("ok");
            labels.properties()
                    .forEach(e -> assertThat(e.getValue().isTextual())
                            .as("label " + e.getKey())
                            .isTrue());
            assertThat(line.path(CloudLoggingFormat.TRACE).asText())
                    .isEqualTo("projects/" + PROJECT + "/traces/" + TRACE_ID);
            assertThat(line.path(CloudLoggingFormat.SPAN_ID).asText()).isEqualTo("0000000000000001");
            assertThat(line.path(CloudLoggingFormat.TRACE_SAMPLED).asBoolean()).isTrue();
            // the rest becomes jsonPayload: the canonical record, tokens as the caller was told
            assertThat(line.path("request_id").asText()).isEqualTo(id);
            assertThat(line.path("stream").asBoolean()).isFalse();
            assertThat(line.path("input_tokens").asLong())
                    .isEqualTo(usage.path("prompt_tokens").asLong());
            assertThat(line.path("output_tokens").asLong())
                    .isEqualTo(usage.path("completion_tokens").asLong());
            assertThat(line.has("cost_usd")).isTrue();
            assertThat(line.path("latency_ms").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void modelsAndHealth() throws Exception {
        HttpResponse<String> models = get("/v1/models");
        assertThat(models.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(models.body())
                .path("data")
                .forEach(m -> ids.add(m.path("id").asText()));
        assertThat(ids).contains("default", "emu/emulator-1", "emu/emulator-2");

        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode checks = JSON.readTree(ready.body()).path("checks");
        Map<String, String> status = new HashMap<>();
        checks.forEach(c -> status.put(c.path("name").asText(), c.path("status").asText()));
        assertThat(status)
                .containsEntry("provider:vertex", "UP")
                .containsEntry("provider:emu", "UP")
                .containsEntry("provider:openai", "DOWN");
    }

    @Test
    void errorsOnBothPaths() throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            String s = stream ? ",\"stream\":true" : "";
            assertError(post("{\"model\":\"default\"" + s + "}", null, null), 400, "messages");
            assertError(post(chat("nope", stream), null, null), 404, "model");
            HttpResponse<String> notConfigured = post(chat("openai/gpt-4o-mini", stream), null, null);
            assertError(notConfigured, 503, null);
            assertThat(notConfigured.body()).contains("switchboard.providers.openai.api-key");
            assertError(post(chat("emu/emulator-fault-429-ra1", stream), null, null), 429, null);
            String big = "{\"model\":\"default\"" + s + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                    + "x".repeat(70_000) + "\"}]}";
            assertError(post(big, null, null), 413, null);
        }
        assertError(post("{\"model\":", null, null), 400, null);
        assertError(get("/v2/nothing"), 404, null);
    }

    /** Issue 9's hostile inputs reach the function's own streaming path and the bridge alike. */
    @Test
    void hostileInputsOnBothPaths() throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> plain = client.send(
                    HttpRequest.newBuilder(function.uri("/v1/chat/completions"))
                            .timeout(Duration.ofSeconds(30))
                            .header("content-type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString(chat("default", stream)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(plain, 415, null);
            assertError(post(chat("emu/emulator-1\\u0000", stream), null, null), 400, "model");
            assertError(post(chat("x".repeat(5_000), stream), null, null), 400, "model");
            String s = stream ? ",\"stream\":true" : "";
            assertError(
                    post(
                            "{\"model\":\"default\"" + s + ",\"seed\":99999999999999999999999,\"messages\":"
                                    + "[{\"role\":\"user\",\"content\":\"hi\"}]}",
                            null,
                            null),
                    400,
                    "seed");
        }
    }

    /**
     * A stream leaves the function frame by frame. The emulator waits 800 ms between chunks (4 chunks: 2.4 s);
     * the first data frame must reach the client long before the last one does — a buffering bridge would deliver
     * them all together at the end.
     */
    @Test
    void streamIsIncremental() throws Exception {
        List<String> evidence = new ArrayList<>();
        for (String model : List.of("emu/emulator-gap800", "vertex/emulator-gap800")) {
            String body = "{\"model\":\"" + model + "\",\"max_tokens\":4,\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = client.send(
                    request("/v1/chat/completions", "req-" + UUID.randomUUID(), null)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            List<Long> frameMs = new ArrayList<>();
            List<String> data = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.startsWith("data: ")) continue;
                    frameMs.add((System.nanoTime() - t0) / 1_000_000);
                    data.add(line.substring(6));
                }
            }
            assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
            assertThat(data.stream().filter(d -> d.contains("\"usage\":{")).count())
                    .isEqualTo(1);
            long first = frameMs.get(0);
            long last = frameMs.get(frameMs.size() - 1);
            evidence.add(String.format(
                    Locale.ROOT,
                    "%s: %d data frames; first at %d ms, last at %d ms after the request (frames at %s ms)",
                    model,
                    frameMs.size(),
                    first,
                    last,
                    frameMs));
            // three 800 ms gaps lie between the first content chunk and the last
            assertThat(last - first).as("time between first and last frame").isGreaterThanOrEqualTo(2_000);
            assertThat(first).as("first frame").isLessThan(last - 2_000);
        }
        Path out = Path.of(System.getProperty("function.jar"))
                .getParent()
                .getParent()
                .resolve("streaming-evidence.txt");
        Files.write(out, evidence, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        evidence.forEach(System.out::println);
    }

    @Test
    void streamedCostLineAndFailedAttempt() throws Exception {
        String id = "req-" + UUID.randomUUID();
        HttpResponse<String> r = post(chat("vertex/emulator-1", true), id, TRACE_ID);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
        JsonNode line = costLine(id);
        assertThat(line.path("stream").asBoolean()).isTrue();
        assertThat(line.path("ttft_ms").isIntegralNumber()).isTrue();
        assertThat(line.path(CloudLoggingFormat.TRACE).asText()).endsWith("/traces/" + TRACE_ID);
        assertThat(line.has(CloudLoggingFormat.SPAN_ID)).isFalse();

        String failed = "req-" + UUID.randomUUID();
        assertThat(post(chat("emu/emulator-fault-500", false), failed, null).statusCode())
                .isEqualTo(502);
        JsonNode bad = costLine(failed);
        assertThat(bad.path("severity").asText()).isEqualTo("WARNING");
        assertThat(bad.path(CloudLoggingFormat.LABELS).path("outcome").asText()).isNotEqualTo("ok");
        assertThat(bad.has(CloudLoggingFormat.TRACE)).isFalse();
    }

    private static void assertError(HttpResponse<String> r, int status, String param) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("type").asText()).isNotBlank();
        if (param != null) assertThat(error.path("param").asText()).isEqualTo(param);
    }

    /** The one Cloud Logging cost line of a request on the function's stdout. */
    private static JsonNode costLine(String requestId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<JsonNode> found = new ArrayList<>();
            for (String l : function.stdoutLines()) {
                if (!l.startsWith("{") || !l.contains(requestId)) continue;
                JsonNode n = JSON.readTree(l);
                if (n.has(CloudLoggingFormat.LABELS)) found.add(n);
            }
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                assertThat(found).as("cost lines of " + requestId).hasSize(1);
                return found.get(0);
            }
            Thread.sleep(50);
        }
    }

    private static HttpRequest.Builder request(String path, String requestId, String trace) {
        HttpRequest.Builder b = HttpRequest.newBuilder(function.uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json");
        if (requestId != null) b.header("x-request-id", requestId);
        if (trace != null) b.header("X-Cloud-Trace-Context", trace);
        return b;
    }

    private static HttpResponse<String> post(String body, String requestId, String trace) throws Exception {
        return client.send(
                request("/v1/chat/completions", requestId, trace)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path, null, null).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]"
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }
}
