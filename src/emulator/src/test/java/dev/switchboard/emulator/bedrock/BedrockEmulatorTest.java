package dev.switchboard.emulator.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.EmulatorOverHttp;
import dev.switchboard.emulator.TestHttp;
import dev.switchboard.emulator.behavior.Protocol;
import dev.switchboard.emulator.behavior.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class BedrockEmulatorTest extends EmulatorOverHttp {

    private static final String[] SIGV4 = {
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-1/bedrock/aws4_request, SignedHeaders=host, Signature=abc"
    };

    static String converse(String extra) {
        return """
                {"messages":[{"role":"user","content":[{"text":"What's the weather in Paris?"}]}],
                 "system":[{"text":"Be brief."}],"inferenceConfig":{}%s}""".formatted(extra);
    }

    static final String TOOLS = """
            ,"toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","inputSchema":{"json":{"type":"object",
              "properties":{"city":{"type":"string"}},"required":["city"]}}}}],"toolChoice":{"auto":{}}}""";

    @Test
    void converseWithUrlEncodedModelId() {
        HttpResponse<String> r = http.post("/model/emulator-1-v1%3A0/converse", converse(""), SIGV4);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-amzn-requestid")).isPresent();
        JsonNode body = TestHttp.json(r.body());
        JsonNode message = body.path("output").path("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("content").get(0).path("text").asText())
                .endsWith("You said: What's the weather in Paris?");
        assertThat(body.path("stopReason").asText()).isEqualTo("end_turn");
        // "Be brief." (9) + 28 chars → 10 tokens
        assertThat(body.path("usage").path("inputTokens").asInt()).isEqualTo(10);
        assertThat(body.path("usage").path("outputTokens").asInt()).isEqualTo(12);
        assertThat(body.path("usage").path("totalTokens").asInt()).isEqualTo(22);
        assertThat(body.path("metrics").path("latencyMs").isNumber()).isTrue();

        RecordedRequest recorded = emulator.requests("emulator-1-v1:0").getFirst();
        assertThat(recorded.protocol()).isEqualTo(Protocol.BEDROCK);
        assertThat(recorded.header("authorization")).isEqualTo("REDACTED");
    }

    @Test
    void inferenceProfileIdsAndArnsNameTheModel() {
        assertThat(http.post("/model/us.emulator-2/converse", converse("")).statusCode())
                .isEqualTo(200);
        // Bedrock batch jobs take vendor-qualified Claude ids; the same id answers live calls
        assertThat(http.post("/model/us.anthropic.emulator-2/converse", converse(""))
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post(
                                "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.emulator-2/converse",
                                converse(""))
                        .statusCode())
                .isEqualTo(200);
        assertThat(emulator.requests("emulator-2")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void converseToolUseAndCacheAndReasoning() {
        JsonNode tool = TestHttp.json(
                http.post("/model/emulator-1/converse", converse(TOOLS)).body());
        JsonNode toolUse =
                tool.path("output").path("message").path("content").get(0).path("toolUse");
        assertThat(toolUse.path("toolUseId").asText()).startsWith("tooluse_");
        assertThat(toolUse.path("name").asText()).isEqualTo("get_weather");
        assertThat(toolUse.path("input")).isEqualTo(TestHttp.json("{\"city\":\"emulated\"}"));
        assertThat(tool.path("stopReason").asText()).isEqualTo("tool_use");

        JsonNode cached = TestHttp.json(http.post("/model/emulator-cache/converse", converse(""))
                        .body())
                .path("usage");
        assertThat(cached.path("cacheReadInputTokens").asInt()).isEqualTo(5);
        assertThat(cached.path("inputTokens").asInt()).isEqualTo(5);
        assertThat(cached.path("totalTokens").asInt()).isEqualTo(10 + 12);

        JsonNode thinking = TestHttp.json(http.post(
                        "/model/emulator-1/converse",
                        converse(
                                ",\"additionalModelRequestFields\":{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}}"))
                .body());
        JsonNode reasoning =
                thinking.path("output").path("message").path("content").get(0).path("reasoningContent");
        assertThat(reasoning.path("reasoningText").path("text").asText()).isEqualTo("Let me think about this.");
        assertThat(reasoning.path("reasoningText").path("signature").asText()).isNotEmpty();
    }

    @Test
    void converseStreamFrames() {
        HttpResponse<byte[]> r = http.postBytes("/model/emulator-1/converse-stream", converse(""));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
        EventStreamFrames frames = EventStreamFrames.decode(r.body());
        assertThat(frames.eventTypes().getFirst()).isEqualTo("messageStart");
        assertThat(frames.eventTypes()
                        .subList(frames.frames().size() - 3, frames.frames().size()))
                .containsExactly("contentBlockStop", "messageStop", "metadata");
        frames.frames().forEach(f -> {
            assertThat(f.messageType()).isEqualTo("event");
            assertThat(f.contentType()).isEqualTo("application/json");
        });
        StringBuilder text = new StringBuilder();
        frames.ofType("contentBlockDelta")
                .forEach(f -> text.append(f.json().path("delta").path("text").asText()));
        assertThat(text.toString()).endsWith("You said: What's the weather in Paris?");
        assertThat(frames.ofType("contentBlockDelta")).hasSize(12);
        assertThat(frames.ofType("messageStop")
                        .getFirst()
                        .json()
                        .path("stopReason")
                        .asText())
                .isEqualTo("end_turn");
        assertThat(frames.ofType("metadata")
                        .getFirst()
                        .json()
                        .path("usage")
                        .path("outputTokens")
                        .asInt())
                .isEqualTo(12);
    }

    @Test
    void streamedToolUseInputInThreePieces() {
        EventStreamFrames frames =
                EventStreamFrames.decode(http.postBytes("/model/emulator-1/converse-stream", converse(TOOLS))
                        .body());
        JsonNode start = frames.ofType("contentBlockStart").getFirst().json();
        assertThat(start.path("start").path("toolUse").path("name").asText()).isEqualTo("get_weather");
        List<String> pieces = frames.ofType("contentBlockDelta").stream()
                .map(f -> f.json().path("delta").path("toolUse").path("input").asText())
                .toList();
        assertThat(pieces).hasSize(3);
        assertThat(TestHttp.json(String.join("", pieces))).isEqualTo(TestHttp.json("{\"city\":\"emulated\"}"));
        assertThat(frames.ofType("messageStop")
                        .getFirst()
                        .json()
                        .path("stopReason")
                        .asText())
                .isEqualTo("tool_use");
    }

    @Test
    void streamedReasoning() {
        EventStreamFrames frames =
                EventStreamFrames.decode(http.postBytes("/model/emulator-think/converse-stream", converse(""))
                        .body());
        List<JsonNode> deltas = frames.ofType("contentBlockDelta").stream()
                .map(EventStreamFrames.Frame::json)
                .toList();
        assertThat(deltas.getFirst()
                        .path("delta")
                        .path("reasoningContent")
                        .path("text")
                        .asText())
                .isEqualTo("Let");
        assertThat(deltas.stream()
                        .filter(d -> d.path("delta").path("reasoningContent").has("signature")))
                .hasSize(1);
        assertThat(deltas.getLast().path("contentBlockIndex").asInt()).isEqualTo(1);
    }

    @Test
    void errorsCarryTheErrorTypeHeader() {
        HttpResponse<String> notFound = http.post("/model/us.does-not-exist-model-v1%3A0/converse", converse(""));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("x-amzn-errortype")).hasValue("ResourceNotFoundException");
        assertThat(TestHttp.json(notFound.body()).path("message").asText()).isNotEmpty();

        String[][] expected = {
            {"400", "ValidationException"},
            {"403", "AccessDeniedException"},
            {"429", "ThrottlingException"},
            {"500", "InternalServerException"},
            {"503", "ServiceUnavailableException"}
        };
        for (String[] e : expected) {
            HttpResponse<String> r = http.post("/model/emulator-fault-" + e[0] + "-ra4/converse-stream", converse(""));
            assertThat(r.statusCode()).isEqualTo(Integer.parseInt(e[0]));
            assertThat(r.headers().firstValue("x-amzn-errortype")).hasValue(e[1]);
            assertThat(r.headers().firstValue("retry-after")).hasValue("4");
            assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        }
    }

    @Test
    void midStreamExceptionFrame() {
        EventStreamFrames frames =
                EventStreamFrames.decode(http.postBytes("/model/emulator-fault-429-mid2/converse-stream", converse(""))
                        .body());
        assertThat(frames.frames()).hasSize(3);
        EventStreamFrames.Frame last = frames.frames().getLast();
        assertThat(last.messageType()).isEqualTo("exception");
        assertThat(last.exceptionType()).isEqualTo("throttlingException");
        assertThat(last.json().path("message").asText()).contains("429");
    }

    @Test
    void controlPlaneListings() {
        JsonNode models =
                TestHttp.json(http.get("/foundation-models", SIGV4).body()).path("modelSummaries");
        assertThat(models).hasSize(2);
        JsonNode first = models.get(0);
        assertThat(first.path("modelId").asText()).isEqualTo("emulator-1");
        assertThat(first.path("modelArn").asText()).isEqualTo("arn:aws:bedrock:eu-west-1::foundation-model/emulator-1");
        assertThat(first.path("inferenceTypesSupported").get(0).asText()).isEqualTo("ON_DEMAND");
        assertThat(first.path("modelLifecycle").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(first.path("responseStreamingSupported").asBoolean()).isTrue();

        JsonNode profiles = TestHttp.json(http.get("/inference-profiles?typeEquals=SYSTEM_DEFINED", SIGV4)
                        .body())
                .path("inferenceProfileSummaries");
        assertThat(profiles.get(0).path("inferenceProfileId").asText()).isEqualTo("eu.emulator-1");
        assertThat(profiles.get(0).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(profiles.get(0).path("models").get(0).path("modelArn").asText())
                .endsWith("foundation-model/emulator-1");

        assertThat(TestHttp.json(http.get("/foundation-models/emulator-2").body())
                        .path("modelDetails")
                        .path("modelId")
                        .asText())
                .isEqualTo("emulator-2");
        assertThat(http.get("/foundation-models/anthropic.claude-v2").statusCode())
                .isEqualTo(404);
    }
}
