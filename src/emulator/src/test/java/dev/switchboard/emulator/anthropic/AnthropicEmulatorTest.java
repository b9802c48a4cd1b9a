package dev.switchboard.emulator.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.EmulatorOverHttp;
import dev.switchboard.emulator.TestHttp;
import dev.switchboard.emulator.TestHttp.SseEvent;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicEmulatorTest extends EmulatorOverHttp {

    private static final String[] HEADERS = {"anthropic-version", "2023-06-01", "x-api-key", "sk-ant-secret"};

    static String messages(String model, boolean stream, String extra) {
        return """
                {"model":"%s","max_tokens":1024,"stream":%s%s,"system":"Be brief.",
                 "messages":[{"role":"user","content":[{"type":"text","text":"How are you?"}]}]}""".formatted(model, stream, extra);
    }

    static final String TOOLS = """
            ,"tools":[{"name":"get_weather","description":"d","input_schema":{"type":"object",
              "properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city","days"]}},
              {"type":"web_search_20250305","name":"web_search"}]""";

    @Test
    void nonStreamingMessage() {
        HttpResponse<String> r = http.post("/v1/messages?beta=true", messages("emulator-1", false, ""), HEADERS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("request-id")).isPresent();
        JsonNode body = TestHttp.json(r.body());
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.path("id").asText()).startsWith("msg_");
        assertThat(body.path("role").asText()).isEqualTo("assistant");
        assertThat(body.path("content").get(0).path("type").asText()).isEqualTo("text");
        assertThat(body.path("content").get(0).path("text").asText()).endsWith("You said: How are you?");
        assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.path("stop_sequence").isNull()).isTrue();
        // "Be brief." (9) + "How are you?" (12) → 6 tokens
        assertThat(body.path("usage").path("input_tokens").asInt()).isEqualTo(6);
        assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(10);
        assertThat(emulator.requests("emulator-1").getLast().header("x-api-key"))
                .isEqualTo("REDACTED");
    }

    @Test
    void streamEventSequence() {
        HttpResponse<String> r = http.post("/v1/messages", messages("emulator-1", true, ""), HEADERS);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<SseEvent> events = TestHttp.sse(r.body());
        List<String> names = events.stream().map(SseEvent::event).toList();
        assertThat(names.getFirst()).isEqualTo("message_start");
        assertThat(names)
                .containsSubsequence(
                        "message_start",
                        "content_block_start",
                        "ping",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        assertThat(names.getLast()).isEqualTo("message_stop");
        events.forEach(e -> assertThat(e.json().path("type").asText()).isEqualTo(e.event()));
        StringBuilder text = new StringBuilder();
        events.stream()
                .filter(e -> "content_block_delta".equals(e.event()))
                .forEach(e -> text.append(e.json().path("delta").path("text").asText()));
        assertThat(text).hasToString("Hello from the Switchboard emulator. You said: How are you?");
        JsonNode delta = events.get(events.size() - 2).json();
        assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(10);
    }

    @Test
    void toolUseStreamsInputJsonInThreePieces() {
        List<SseEvent> events = TestHttp.sse(http.post("/v1/messages", messages("emulator-1", true, TOOLS), HEADERS)
                .body());
        JsonNode start = events.stream()
                .filter(e -> "content_block_start".equals(e.event()))
                .findFirst()
                .orElseThrow()
                .json();
        assertThat(start.path("content_block").path("type").asText()).isEqualTo("tool_use");
        assertThat(start.path("content_block").path("id").asText()).startsWith("toolu_");
        assertThat(start.path("content_block").path("name").asText()).isEqualTo("get_weather");
        List<String> pieces = events.stream()
                .filter(e -> "content_block_delta".equals(e.event()))
                .map(e -> e.json().path("delta"))
                .peek(d -> assertThat(d.path("type").asText()).isEqualTo("input_json_delta"))
                .map(d -> d.path("partial_json").asText())
                .toList();
        assertThat(pieces).hasSize(3);
        assertThat(TestHttp.json(String.join("", pieces)))
                .isEqualTo(TestHttp.json("{\"city\":\"emulated\",\"days\":1}"));
        JsonNode messageDelta = events.stream()
                .filter(e -> "message_delta".equals(e.event()))
                .findFirst()
                .orElseThrow()
                .json();
        assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void nonStreamingToolUseAndForcedTool() {
        JsonNode body = TestHttp.json(http.post(
                        "/v1/messages",
                        messages(
                                "emulator-1",
                                false,
                                TOOLS + ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\"}"),
                        HEADERS)
                .body());
        JsonNode block = body.path("content").get(0);
        assertThat(block.path("type").asText()).isEqualTo("tool_use");
        assertThat(block.path("input")).isEqualTo(TestHttp.json("{\"city\":\"emulated\",\"days\":1}"));
        assertThat(body.path("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void toolResultsAreAcknowledged() {
        String body = """
                {"model":"emulator-1","max_tokens":100,"messages":[
                 {"role":"user","content":"weather?"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"w","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"},
                   {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"22C"}]}]}],
                 "tools":[{"name":"w","input_schema":{"type":"object"}}]}""";
        JsonNode r = TestHttp.json(http.post("/v1/messages", body, HEADERS).body());
        assertThat(r.path("content").get(0).path("text").asText()).isEqualTo("Tool result received: sunny\n22C");
    }

    @Test
    void thinkingBlockWithSignature() {
        JsonNode body = TestHttp.json(http.post(
                        "/v1/messages",
                        messages("emulator-1", false, ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}"),
                        HEADERS)
                .body());
        JsonNode thinking = body.path("content").get(0);
        assertThat(thinking.path("type").asText()).isEqualTo("thinking");
        assertThat(thinking.path("thinking").asText()).isEqualTo("Let me think about this.");
        assertThat(thinking.path("signature").asText()).isNotEmpty();
        assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(10 + 6);

        List<SseEvent> events = TestHttp.sse(http.post("/v1/messages", messages("emulator-think", true, ""), HEADERS)
                .body());
        List<String> deltaTypes = events.stream()
                .filter(e -> "content_block_delta".equals(e.event()))
                .map(e -> e.json().path("delta").path("type").asText())
                .distinct()
                .toList();
        assertThat(deltaTypes).containsExactly("thinking_delta", "signature_delta", "text_delta");
    }

    @Test
    void cacheReadIsExcludedFromInputTokens() {
        JsonNode usage = TestHttp.json(http.post("/v1/messages", messages("emulator-cache", false, ""), HEADERS)
                        .body())
                .path("usage");
        // 6 input tokens in total: 3 read from cache, 3 not
        assertThat(usage.path("cache_read_input_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void errors() {
        HttpResponse<String> notFound = http.post("/v1/messages", messages("claude-sonet-4-5", false, ""), HEADERS);
        assertThat(notFound.statusCode()).isEqualTo(404);
        JsonNode body = TestHttp.json(notFound.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("not_found_error");
        assertThat(body.path("error").path("message").asText()).isEqualTo("model: claude-sonet-4-5");
        assertThat(body.path("request_id").asText()).startsWith("req_");

        HttpResponse<String> overloaded = http.post("/v1/messages", messages("emulator-fault-529", false, ""), HEADERS);
        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(TestHttp.json(overloaded.body()).path("error").path("type").asText())
                .isEqualTo("overloaded_error");

        HttpResponse<String> limited =
                http.post("/v1/messages", messages("emulator-fault-429-ra3", false, ""), HEADERS);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("3");
        assertThat(TestHttp.json(limited.body()).path("error").path("type").asText())
                .isEqualTo("rate_limit_error");
    }

    @Test
    void midStreamErrorEvent() {
        List<SseEvent> events =
                TestHttp.sse(http.post("/v1/messages", messages("emulator-fault-529-mid3", true, ""), HEADERS)
                        .body());
        assertThat(events).hasSize(4);
        assertThat(events.getFirst().event()).isEqualTo("message_start");
        SseEvent error = events.getLast();
        assertThat(error.event()).isEqualTo("error");
        assertThat(error.json().path("type").asText()).isEqualTo("error");
        assertThat(error.json().path("error").path("type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void listsModelsWhenAnthropicVersionIsSent() {
        JsonNode list = TestHttp.json(
                http.get("/v1/models", "anthropic-version", "2023-06-01").body());
        assertThat(list.path("has_more").asBoolean(true)).isFalse();
        assertThat(list.path("first_id").asText()).isEqualTo("emulator-1");
        assertThat(list.path("last_id").asText()).isEqualTo("emulator-2");
        JsonNode first = list.path("data").get(0);
        assertThat(first.path("type").asText()).isEqualTo("model");
        assertThat(first.path("display_name").asText()).isEqualTo("Emulator 1");
        assertThat(first.path("created_at").asText()).isEqualTo("2025-01-01T00:00:00Z");
        // without the header it is OpenAI's list
        assertThat(TestHttp.json(http.get("/v1/models").body()).path("object").asText())
                .isEqualTo("list");
    }
}
