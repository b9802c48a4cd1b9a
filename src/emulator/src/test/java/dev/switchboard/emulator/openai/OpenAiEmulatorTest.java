package dev.switchboard.emulator.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.EmulatorOverHttp;
import dev.switchboard.emulator.TestHttp;
import dev.switchboard.emulator.TestHttp.SseEvent;
import dev.switchboard.emulator.behavior.Protocol;
import dev.switchboard.emulator.behavior.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiEmulatorTest extends EmulatorOverHttp {

    static final String TOOL_REQUEST = """
            {"model":"%s","stream":%s,"stream_options":{"include_usage":true},
             "messages":[{"role":"user","content":"What is the capital of the UK? Use the tool."}],
             "tool_choice":"auto",
             "tools":[{"type":"function","function":{"name":"get_capital","parameters":
               {"type":"object","properties":{"country":{"type":"string"}},"required":["country"]}}}]}""";

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    static String chat(String model, String text, boolean stream, String extra) {
        return """
                {"model":"%s","stream":%s%s,"messages":[
                  {"role":"system","content":"You are terse."},
                  {"role":"user","content":"%s"}]}""".formatted(model, stream, extra, text);
    }

    @Test
    void nonStreamingCompletion() {
        HttpResponse<String> r = http.post(
                "/v1/chat/completions",
                chat("emulator-1", "What is 2+2?", false, ""),
                "Authorization",
                "Bearer sk-secret");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = TestHttp.json(r.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("model").asText()).isEqualTo("emulator-1");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText())
                .isEqualTo("Hello from the Switchboard emulator. You said: What is 2+2?");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = body.path("usage");
        // "You are terse." (14) + "What is 2+2?" (12) = 26 chars → 7 tokens
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(7);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(10);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(17);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt())
                .isZero();

        RecordedRequest recorded = emulator.requests("emulator-1").getFirst();
        assertThat(recorded.protocol()).isEqualTo(Protocol.OPENAI);
        assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.header("authorization")).isEqualTo("REDACTED");
        assertThat(recorded.body().path("messages")).hasSize(2);
    }

    @Test
    void streamWithUsageChunk() {
        HttpResponse<String> r = http.post(
                "/v1/chat/completions", chat("emulator-1", "hi", true, ",\"stream_options\":{\"include_usage\":true}"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        List<SseEvent> events = TestHttp.sse(r.body());
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream()
                .map(SseEvent::json)
                .toList();
        assertThat(chunks.getFirst()
                        .path("choices")
                        .get(0)
                        .path("delta")
                        .path("role")
                        .asText())
                .isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.path("choices")
                .forEach(ch -> text.append(ch.path("delta").path("content").asText(""))));
        assertThat(text).hasToString("Hello from the Switchboard emulator. You said: hi");
        // one chunk per word, plus role, finish and usage chunks
        assertThat(chunks).hasSize(1 + 8 + 1 + 1);
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usageChunk = chunks.getLast();
        assertThat(usageChunk.path("choices")).isEmpty();
        assertThat(usageChunk.path("usage").path("completion_tokens").asInt()).isEqualTo(8);
        assertThat(chunks.getFirst().has("usage")).isTrue();
        assertThat(chunks.getFirst().path("usage").isNull()).isTrue();
    }

    @Test
    void streamWithoutIncludeUsageHasNoUsageChunk() {
        List<SseEvent> events = TestHttp.sse(http.post("/v1/chat/completions", chat("emulator-1", "hi", true, ""))
                .body());
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        events.subList(0, events.size() - 1).forEach(e -> {
            assertThat(e.json().has("usage")).isFalse();
            assertThat(e.json().path("choices")).hasSize(1);
        });
    }

    @Test
    void toolCall() {
        JsonNode body = TestHttp.json(http.post("/v1/chat/completions", TOOL_REQUEST.formatted("emulator-1", false))
                .body());
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("content").isNull()).isTrue();
        JsonNode call = choice.path("message").path("tool_calls").get(0);
        assertThat(call.path("id").asText()).startsWith("call_");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_capital");
        assertThat(TestHttp.json(call.path("function").path("arguments").asText()))
                .isEqualTo(TestHttp.json("{\"country\":\"emulated\"}"));
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(10);
    }

    @Test
    void streamedToolCallArgumentsArriveInThreePieces() {
        List<SseEvent> events =
                TestHttp.sse(http.post("/v1/chat/completions", TOOL_REQUEST.formatted("emulator-1", true))
                        .body());
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream()
                .map(SseEvent::json)
                .toList();
        JsonNode first = chunks.getFirst()
                .path("choices")
                .get(0)
                .path("delta")
                .path("tool_calls")
                .get(0);
        assertThat(first.path("id").asText()).startsWith("call_");
        assertThat(first.path("function").path("name").asText()).isEqualTo("get_capital");
        assertThat(first.path("function").path("arguments").asText()).isEmpty();
        StringBuilder args = new StringBuilder();
        int pieces = 0;
        for (JsonNode c : chunks.subList(1, chunks.size())) {
            JsonNode calls = c.path("choices").path(0).path("delta").path("tool_calls");
            if (calls.isArray()) {
                pieces++;
                args.append(calls.get(0).path("function").path("arguments").asText());
            }
        }
        assertThat(pieces).isEqualTo(3);
        assertThat(TestHttp.json(args.toString())).isEqualTo(TestHttp.json("{\"country\":\"emulated\"}"));
        assertThat(chunks.get(chunks.size() - 2)
                        .path("choices")
                        .get(0)
                        .path("finish_reason")
                        .asText())
                .isEqualTo("tool_calls");
    }

    @Test
    void toolResultTurnIsAcknowledged() {
        String body = """
                {"model":"emulator-1","messages":[
                 {"role":"user","content":"weather?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                   "function":{"name":"w","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"Sunny, 22C"}],
                 "tools":[{"type":"function","function":{"name":"w","parameters":{"type":"object"}}}]}""";
        JsonNode r = TestHttp.json(http.post("/v1/chat/completions", body).body());
        assertThat(r.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("Tool result received: Sunny, 22C");
    }

    @Test
    void jsonModeMaxTokensCacheAndReasoning() {
        JsonNode json = TestHttp.json(http.post(
                        "/v1/chat/completions",
                        chat("emulator-1", "hi", false, ",\"response_format\":{\"type\":\"json_object\"}"))
                .body());
        assertThat(TestHttp.json(json.path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asText()))
                .isEqualTo(TestHttp.json("{\"emulated\":true,\"echo\":\"hi\"}"));

        JsonNode limited = TestHttp.json(
                http.post("/v1/chat/completions", chat("emulator-1", "hi", false, ",\"max_completion_tokens\":2"))
                        .body());
        assertThat(limited.path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asText())
                .isEqualTo("Hello from");
        assertThat(limited.path("choices").get(0).path("finish_reason").asText())
                .isEqualTo("length");

        JsonNode cached = TestHttp.json(http.post(
                        "/v1/chat/completions",
                        chat("emulator-cache-think", "a long enough prompt to cache", false, ""))
                .body());
        JsonNode usage = cached.path("usage");
        int prompt = usage.path("prompt_tokens").asInt();
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt())
                .isEqualTo(prompt / 2);
        assertThat(usage.path("completion_tokens_details")
                        .path("reasoning_tokens")
                        .asInt())
                .isEqualTo(6);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(13 + 6);

        JsonNode effort = TestHttp.json(
                http.post("/v1/chat/completions", chat("emulator-1", "hi", false, ",\"reasoning_effort\":\"low\""))
                        .body());
        assertThat(effort.path("usage")
                        .path("completion_tokens_details")
                        .path("reasoning_tokens")
                        .asInt())
                .isEqualTo(6);
    }

    @Test
    void unknownModelIs404() {
        HttpResponse<String> r = http.post("/v1/chat/completions", chat("gpt-4o", "hi", false, ""));
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode error = TestHttp.json(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("model_not_found");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.has("param")).isTrue();
        assertThat(error.path("message").asText()).contains("gpt-4o");
    }

    @Test
    void invalidJsonIs400() {
        HttpResponse<String> r = http.post("/v1/chat/completions", "{not json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(r.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void listsModels() {
        JsonNode list = TestHttp.json(http.get("/v1/models").body());
        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("data")).hasSize(2);
        JsonNode first = list.path("data").get(0);
        assertThat(first.path("id").asText()).isEqualTo("emulator-1");
        assertThat(first.path("object").asText()).isEqualTo("model");
        assertThat(first.path("created").isNumber()).isTrue();
        assertThat(first.path("owned_by").asText()).isNotEmpty();
        assertThat(TestHttp.json(http.get("/v1/models/emulator-2").body())
                        .path("id")
                        .asText())
                .isEqualTo("emulator-2");
        assertThat(http.get("/v1/models/gpt-4o").statusCode()).isEqualTo(404);
    }
}
