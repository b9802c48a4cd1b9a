package dev.switchboard.emulator.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.EmulatorOverHttp;
import dev.switchboard.emulator.TestHttp;
import dev.switchboard.emulator.TestHttp.SseEvent;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiEmulatorTest extends EmulatorOverHttp {

    static String request(String extra) {
        return """
                {"contents":[{"role":"user","parts":[{"text":"What is the capital of France?"}]}],
                 "systemInstruction":{"parts":[{"text":"You are helpful."}]}%s}""".formatted(extra);
    }

    static final String TOOLS = """
            ,"tools":[{"functionDeclarations":[{"name":"get_user_country","parameters":{"type":"OBJECT","properties":{}}},
              {"name":"final_result","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"},
               "rank":{"type":"INTEGER"}},"required":["city","rank"]}}]}],
             "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["final_result"]}}""";

    @Test
    void generateContent() {
        HttpResponse<String> r =
                http.post("/v1beta/models/emulator-1:generateContent", request(""), "x-goog-api-key", "secret");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(r.body());
        JsonNode candidate = body.path("candidates").get(0);
        assertThat(candidate.path("content").path("role").asText()).isEqualTo("model");
        assertThat(candidate.path("content").path("parts").get(0).path("text").asText())
                .isEqualTo("Hello from the Switchboard emulator. You said: What is the capital of France?");
        assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
        JsonNode usage = body.path("usageMetadata");
        // 16 + 30 chars → 12 tokens; 13 words
        assertThat(usage.path("promptTokenCount").asInt()).isEqualTo(12);
        assertThat(usage.path("candidatesTokenCount").asInt()).isEqualTo(13);
        assertThat(usage.path("totalTokenCount").asInt()).isEqualTo(25);
        assertThat(body.path("modelVersion").asText()).isEqualTo("emulator-1");
        assertThat(emulator.requests("emulator-1").getLast().header("x-goog-api-key"))
                .isEqualTo("REDACTED");
    }

    @Test
    void sseStreamWithCumulativeUsage() {
        HttpResponse<String> r =
                http.post("/v1beta/models/emulator-1:streamGenerateContent?alt=sse&key=secret", request(""));
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(r.body()).contains("\r\n\r\n");
        List<JsonNode> chunks =
                TestHttp.sse(r.body()).stream().map(SseEvent::json).toList();
        assertThat(chunks).hasSize(13);
        StringBuilder text = new StringBuilder();
        int previous = 0;
        for (JsonNode c : chunks) {
            text.append(c.path("candidates")
                    .get(0)
                    .path("content")
                    .path("parts")
                    .get(0)
                    .path("text")
                    .asText());
            int candidates =
                    c.path("usageMetadata").path("candidatesTokenCount").asInt();
            assertThat(candidates).isGreaterThan(previous);
            previous = candidates;
        }
        assertThat(text.toString()).endsWith("You said: What is the capital of France?");
        assertThat(chunks.getFirst().path("candidates").get(0).has("finishReason"))
                .isFalse();
        assertThat(chunks.getLast()
                        .path("candidates")
                        .get(0)
                        .path("finishReason")
                        .asText())
                .isEqualTo("STOP");
        assertThat(chunks.getLast()
                        .path("usageMetadata")
                        .path("candidatesTokenCount")
                        .asInt())
                .isEqualTo(13);
        assertThat(emulator.requests("emulator-1").getLast().path())
                .contains("key=REDACTED")
                .doesNotContain("secret");
    }

    @Test
    void streamWithoutAltSseIsAJsonArray() {
        HttpResponse<String> r = http.post("/v1beta/models/emulator-1:streamGenerateContent", request(""));
        JsonNode array = TestHttp.json(r.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(13);
    }

    @Test
    void functionCallWithForcedName() {
        JsonNode body = TestHttp.json(http.post("/v1beta/models/emulator-1:generateContent", request(TOOLS))
                .body());
        JsonNode candidate = body.path("candidates").get(0);
        JsonNode call = candidate.path("content").path("parts").get(0).path("functionCall");
        assertThat(call.path("name").asText()).isEqualTo("final_result");
        assertThat(call.path("args")).isEqualTo(TestHttp.json("{\"city\":\"emulated\",\"rank\":1}"));
        assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");

        List<JsonNode> chunks = TestHttp.sse(
                        http.post("/v1beta/models/emulator-1:streamGenerateContent?alt=sse", request(TOOLS))
                                .body())
                .stream()
                .map(SseEvent::json)
                .toList();
        assertThat(chunks).hasSize(1);
        assertThat(chunks.getFirst()
                        .path("candidates")
                        .get(0)
                        .path("content")
                        .path("parts")
                        .get(0)
                        .path("functionCall")
                        .path("name")
                        .asText())
                .isEqualTo("final_result");
    }

    @Test
    void functionResponseIsAcknowledged() {
        String body = """
                {"contents":[{"role":"user","parts":[{"text":"country?"}]},
                 {"role":"model","parts":[{"functionCall":{"name":"get_user_country","args":{}}}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"get_user_country","response":{"return_value":"Mexico"}}}]}],
                 "tools":[{"functionDeclarations":[{"name":"get_user_country"}]}]}""";
        JsonNode r = TestHttp.json(
                http.post("/v1beta/models/emulator-1:generateContent", body).body());
        assertThat(r.path("candidates")
                        .get(0)
                        .path("content")
                        .path("parts")
                        .get(0)
                        .path("text")
                        .asText())
                .isEqualTo("Tool result received: {\"return_value\":\"Mexico\"}");
    }

    @Test
    void jsonThoughtsCacheAndMaxTokens() {
        JsonNode json = TestHttp.json(http.post(
                        "/v1beta/models/emulator-1:generateContent",
                        request(",\"generationConfig\":{\"responseMimeType\":\"application/json\"}"))
                .body());
        assertThat(TestHttp.json(json.path("candidates")
                                .get(0)
                                .path("content")
                                .path("parts")
                                .get(0)
                                .path("text")
                                .asText())
                        .path("emulated")
                        .asBoolean())
                .isTrue();

        JsonNode thought = TestHttp.json(http.post(
                        "/v1beta/models/emulator-cache:generateContent",
                        request(",\"generation_config\":{\"thinking_config\":{\"include_thoughts\":true}}"))
                .body());
        JsonNode parts = thought.path("candidates").get(0).path("content").path("parts");
        assertThat(parts.get(0).path("thought").asBoolean()).isTrue();
        assertThat(parts.get(0).path("text").asText()).isEqualTo("Let me think about this.");
        JsonNode usage = thought.path("usageMetadata");
        assertThat(usage.path("thoughtsTokenCount").asInt()).isEqualTo(6);
        assertThat(usage.path("cachedContentTokenCount").asInt()).isEqualTo(6);
        assertThat(usage.path("promptTokenCount").asInt()).isEqualTo(12);
        assertThat(usage.path("totalTokenCount").asInt()).isEqualTo(12 + 13 + 6);

        JsonNode limited = TestHttp.json(http.post(
                        "/v1beta/models/emulator-1:generateContent",
                        request(",\"generationConfig\":{\"maxOutputTokens\":5}"))
                .body());
        assertThat(limited.path("candidates").get(0).path("finishReason").asText())
                .isEqualTo("MAX_TOKENS");
        assertThat(limited.path("candidates")
                        .get(0)
                        .path("content")
                        .path("parts")
                        .get(0)
                        .path("text")
                        .asText())
                .isEqualTo("Hello from the Switchboard emulator.");
    }

    @Test
    void errors() {
        HttpResponse<String> notFound = http.post("/v1beta/models/gemini-3.6-flahs:generateContent", request(""));
        assertThat(notFound.statusCode()).isEqualTo(404);
        JsonNode error = TestHttp.json(notFound.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(404);
        assertThat(error.path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(error.path("message").asText()).startsWith("models/gemini-3.6-flahs is not found");

        HttpResponse<String> exhausted =
                http.post("/v1beta/models/emulator-fault-429-ra7:generateContent", request(""));
        assertThat(exhausted.statusCode()).isEqualTo(429);
        assertThat(exhausted.headers().firstValue("retry-after")).hasValue("7");
        JsonNode e429 = TestHttp.json(exhausted.body()).path("error");
        assertThat(e429.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(e429.path("details").get(0).path("@type").asText())
                .isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
        assertThat(e429.path("details").get(0).path("retryDelay").asText()).isEqualTo("7s");

        for (int[] pair : new int[][] {{400, 0}, {401, 1}, {403, 2}, {500, 3}, {503, 4}}) {
            String expected = List.of(
                            "INVALID_ARGUMENT", "UNAUTHENTICATED", "PERMISSION_DENIED", "INTERNAL", "UNAVAILABLE")
                    .get(pair[1]);
            HttpResponse<String> r =
                    http.post("/v1beta/models/emulator-fault-" + pair[0] + ":generateContent", request(""));
            assertThat(r.statusCode()).isEqualTo(pair[0]);
            assertThat(TestHttp.json(r.body()).path("error").path("status").asText())
                    .isEqualTo(expected);
        }
    }

    @Test
    void encodedColonAndV1Paths() {
        assertThat(http.post("/v1beta/models/emulator-1%3AgenerateContent", request(""))
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post("/v1/models/emulator-1:generateContent", request(""))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void listsModels() {
        JsonNode models = TestHttp.json(http.get("/v1beta/models").body()).path("models");
        assertThat(models).hasSize(2);
        assertThat(models.get(0).path("name").asText()).isEqualTo("models/emulator-1");
        assertThat(models.get(0).path("displayName").asText()).isEqualTo("Emulator 1");
        assertThat(models.get(0).path("supportedGenerationMethods").toString()).contains("generateContent");
        assertThat(TestHttp.json(http.get("/v1beta/models/emulator-2").body())
                        .path("name")
                        .asText())
                .isEqualTo("models/emulator-2");
        assertThat(http.get("/v1beta/models/gemini-pro").statusCode()).isEqualTo(404);
    }
}
