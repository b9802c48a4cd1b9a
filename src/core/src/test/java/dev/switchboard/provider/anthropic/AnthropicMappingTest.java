package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ReasoningConfig;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolChoice;
import dev.switchboard.core.model.ToolSpec;
import dev.switchboard.core.model.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicMappingTest {

    private static ChatRequest.Builder base() {
        return ChatRequest.builder().model("claude-x").messages(Message.user("Hi"));
    }

    private static ObjectNode wire(ChatRequest r) {
        return AnthropicMapping.toWire(r, false);
    }

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    @Test
    void plainRequestGetsTheDefaultMaxTokensAndBlockContent() {
        ObjectNode body = wire(base().build());
        assertThat(body).isEqualTo(json("""
                {
                    "model": "claude-x",
                    "messages": [{"role": "user", "content": [{"type": "text", "text": "Hi"}]}],
                    "max_tokens": 4096
                }
                """));
        assertThat(AnthropicMapping.toWire(base().build(), true).get("stream").asBoolean())
                .isTrue();
    }

    @Test
    void systemAndDeveloperMessagesAreHoistedAndSamplingMapped() {
        ChatRequest r = base().messages(
                        Message.system("Be brief."),
                        Message.user("Hi"),
                        new Message(Role.DEVELOPER, List.of(new ContentPart.Text("Use French."))))
                .temperature(1.7)
                .topP(0.9)
                .stop(List.of("END"))
                .user("u-1")
                .maxTokens(100)
                .build();
        ObjectNode body = wire(r);
        assertThat(body.get("system")).isEqualTo(json("""
                [{"type": "text", "text": "Be brief."}, {"type": "text", "text": "Use French."}]
                """));
        assertThat(body.get("messages")).hasSize(1);
        assertThat(body.get("temperature").decimalValue()).isEqualByComparingTo("1");
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.get("stop_sequences")).isEqualTo(json("[\"END\"]"));
        assertThat(body.at("/metadata/user_id").asText()).isEqualTo("u-1");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(100);
    }

    @Test
    void openAiToolResultsMergeIntoOneUserMessage() {
        ChatRequest r = base().messages(
                        Message.user("Weather in Paris and Rome?"),
                        new Message(
                                Role.ASSISTANT,
                                List.of(
                                        new ContentPart.Text(""),
                                        new ContentPart.ToolCall("c1", "weather", "{\"city\":\"Paris\"}"),
                                        new ContentPart.ToolCall("c2", "weather", "{\"city\":\"Rome\"}"))),
                        Message.toolResult("c1", "sunny"),
                        Message.toolResult("c2", "rain"),
                        Message.user("Thanks"))
                .build();
        JsonNode messages = wire(r).get("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(1)).isEqualTo(json("""
                {
                    "role": "assistant",
                    "content": [
                        {"type": "tool_use", "id": "c1", "name": "weather", "input": {"city": "Paris"}},
                        {"type": "tool_use", "id": "c2", "name": "weather", "input": {"city": "Rome"}}
                    ]
                }
                """));
        assertThat(messages.get(2)).isEqualTo(json("""
                {
                    "role": "user",
                    "content": [
                        {"type": "tool_result", "tool_use_id": "c1", "content": "sunny", "is_error": false},
                        {"type": "tool_result", "tool_use_id": "c2", "content": "rain", "is_error": false}
                    ]
                }
                """));
        assertThat(messages.get(3).at("/content/0/text").asText()).isEqualTo("Thanks");
    }

    @Test
    void reasoningGoesBackOnlyWhenAnthropicCanVerifyIt() {
        ChatRequest r = base().messages(
                        Message.user("Q"),
                        new Message(
                                Role.ASSISTANT,
                                List.of(
                                        new ContentPart.Reasoning("signed", "sig", null),
                                        ContentPart.Reasoning.of("unsigned"),
                                        new ContentPart.Reasoning(null, null, "opaque"),
                                        new ContentPart.Text("A"))),
                        Message.user("Q2"))
                .build();
        assertThat(wire(r).at("/messages/1/content")).isEqualTo(json("""
                [
                    {"type": "thinking", "thinking": "signed", "signature": "sig"},
                    {"type": "redacted_thinking", "data": "opaque"},
                    {"type": "text", "text": "A"}
                ]
                """));
    }

    @Test
    void imagesAndCacheHintsBecomeBlocks() {
        ChatRequest r = base().messages(new Message(
                        Role.USER,
                        List.of(
                                new ContentPart.Text(
                                        "long doc",
                                        Map.of("cache_control", json("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}"))),
                                new ContentPart.Text(
                                        "also", Map.of("prompt_cache_breakpoint", json("{\"mode\":\"explicit\"}"))),
                                ContentPart.Image.inline("image/png", "AAAA"),
                                ContentPart.Image.url("https://x/y.jpg"))))
                .build();
        assertThat(wire(r).at("/messages/0/content")).isEqualTo(json("""
                [
                    {"type": "text", "text": "long doc", "cache_control": {"type": "ephemeral", "ttl": "1h"}},
                    {"type": "text", "text": "also", "cache_control": {"type": "ephemeral"}},
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AAAA"}},
                    {"type": "image", "source": {"type": "url", "url": "https://x/y.jpg"}}
                ]
                """));
    }

    @Test
    void toolsAndToolChoice() {
        ChatRequest.Builder b = base().tools(List.of(
                new ToolSpec("f", "does f", json("{\"type\":\"object\"}"), true), new ToolSpec("g", null, null, null)));
        ObjectNode body =
                wire(b.toolChoice(ToolChoice.REQUIRED).parallelToolCalls(false).build());
        assertThat(body.get("tools")).isEqualTo(json("""
                [
                    {"name": "f", "description": "does f", "input_schema": {"type": "object"}, "strict": true},
                    {"name": "g", "input_schema": {"type": "object"}}
                ]
                """));
        assertThat(body.get("tool_choice")).isEqualTo(json("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
        assertThat(wire(b.toolChoice(new ToolChoice.Tool("g"))
                                .parallelToolCalls(null)
                                .build())
                        .get("tool_choice"))
                .isEqualTo(json("{\"type\":\"tool\",\"name\":\"g\"}"));
        assertThat(wire(b.toolChoice(ToolChoice.NONE).parallelToolCalls(false).build())
                        .get("tool_choice"))
                .isEqualTo(json("{\"type\":\"none\"}"));
        assertThat(wire(b.toolChoice(null).parallelToolCalls(false).build()).get("tool_choice"))
                .isEqualTo(json("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
        assertThat(wire(base().toolChoice(ToolChoice.AUTO).build()).has("tool_choice"))
                .isFalse();
        assertThat(catchThrowableOfType(
                                InvalidRequest.class,
                                () -> wire(
                                        base().toolChoice(ToolChoice.REQUIRED).build()))
                        .param())
                .isEqualTo("tool_choice");
    }

    @Test
    void thinkingBudgetsAndMaxTokens() {
        ObjectNode explicit =
                wire(base().reasoning(new ReasoningConfig(null, 2000)).build());
        assertThat(explicit.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":2000}"));
        assertThat(explicit.get("max_tokens").asInt()).isEqualTo(2000 + AnthropicMapping.DEFAULT_MAX_TOKENS);

        ObjectNode effort =
                wire(base().reasoning(new ReasoningConfig("high", null)).build());
        assertThat(effort.at("/thinking/budget_tokens").asInt()).isEqualTo(24576);

        ObjectNode fitted = wire(base().reasoning(new ReasoningConfig("high", null))
                .maxTokens(5000)
                .build());
        assertThat(fitted.at("/thinking/budget_tokens").asInt()).isEqualTo(4999);
        assertThat(fitted.get("max_tokens").asInt()).isEqualTo(5000);

        // the caller's own budget is sent as given: Anthropic reports the conflict in its own words
        ObjectNode asGiven = wire(base().reasoning(new ReasoningConfig(null, 4096))
                .maxTokens(4096)
                .build());
        assertThat(asGiven.at("/thinking/budget_tokens").asInt()).isEqualTo(4096);

        assertThat(catchThrowableOfType(
                                InvalidRequest.class,
                                () -> wire(base().reasoning(new ReasoningConfig("low", null))
                                        .maxTokens(500)
                                        .build()))
                        .param())
                .isEqualTo("max_tokens");
        assertThat(wire(base().reasoning(new ReasoningConfig("none", null)).build())
                        .get("thinking"))
                .isEqualTo(json("{\"type\":\"disabled\"}"));
    }

    @Test
    void anthropicOwnThinkingAndOutputConfigPassThrough() {
        ObjectNode body = wire(base().extension("thinking", json("{\"type\":\"adaptive\"}"))
                .extension("output_config", json("{\"effort\":\"medium\"}"))
                .responseFormat(new ResponseFormat.JsonSchema("r", null, json("{\"type\":\"object\"}"), true))
                .build());
        assertThat(body.get("thinking")).isEqualTo(json("{\"type\":\"adaptive\"}"));
        assertThat(body.get("output_config")).isEqualTo(json("""
                {"effort": "medium", "format": {"type": "json_schema", "schema": {"type": "object"}}}
                """));
        assertThat(catchThrowableOfType(
                                InvalidRequest.class,
                                () -> wire(base().extension("thinking", json("{\"type\":\"adaptive\"}"))
                                        .reasoning(new ReasoningConfig("low", null))
                                        .build()))
                        .param())
                .isEqualTo("thinking");
    }

    @Test
    void jsonObjectResponseFormatIsRejected() {
        assertThat(catchThrowableOfType(
                                InvalidRequest.class,
                                () -> wire(base().responseFormat(ResponseFormat.JSON_OBJECT)
                                        .build()))
                        .param())
                .isEqualTo("response_format");
        assertThat(wire(base().responseFormat(ResponseFormat.TEXT).build()).has("output_config"))
                .isFalse();
    }

    @Test
    void nativeAndEquivalentExtensionsAreHonored() {
        ObjectNode body = wire(base().extension("top_k", json("5"))
                .extension("cache_control", json("{\"type\":\"ephemeral\"}"))
                .extension("service_tier", json("\"default\""))
                .extension("safety_identifier", json("\"sid\""))
                .extension("presence_penalty", json("0"))
                .extension("frequency_penalty", json("0.0"))
                .extension("logprobs", json("false"))
                .extension("store", json("false"))
                .extension(
                        "anthropic_defined_tools", json("[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]"))
                .build());
        assertThat(body.get("top_k").asInt()).isEqualTo(5);
        assertThat(body.get("cache_control")).isEqualTo(json("{\"type\":\"ephemeral\"}"));
        assertThat(body.get("service_tier").asText()).isEqualTo("standard_only");
        assertThat(body.at("/metadata/user_id").asText()).isEqualTo("sid");
        assertThat(body.get("tools")).isEqualTo(json("[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]"));
        assertThat(body.has("presence_penalty") || body.has("logprobs") || body.has("store"))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "presence_penalty|0.5",
                "frequency_penalty|-1",
                "logit_bias|{\"50256\":-100}",
                "logprobs|true",
                "top_logprobs|3",
                "metadata|{\"k\":\"v\"}",
                "prediction|{\"type\":\"content\",\"content\":\"x\"}",
                "modalities|[\"text\",\"audio\"]",
                "audio|{}",
                "web_search_options|{}",
                "prompt_cache_key|\"k\"",
                "prompt_cache_retention|\"24h\"",
                "prompt_cache_options|{\"mode\":\"explicit\"}",
                "verbosity|\"low\"",
                "moderation|{}",
                "store|true",
                "service_tier|\"flex\"",
                "top_k|\"many\"",
                "some_future_param|1"
            })
    void extensionsAnthropicCannotHonorAreRejectedByName(String name, String value) {
        InvalidRequest e = catchThrowableOfType(
                InvalidRequest.class,
                () -> wire(base().extension(name, json(value)).build()));
        assertThat(e).isNotNull();
        assertThat(e.param()).isEqualTo(name);
        assertThat(e.getMessage()).contains(name);
    }

    @Test
    void seedIsRejected() {
        assertThat(catchThrowableOfType(
                                InvalidRequest.class, () -> wire(base().seed(7L).build()))
                        .param())
                .isEqualTo("seed");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "image-in-assistant",
                "toolcall-in-user",
                "result-without-id",
                "call-without-id",
                "args-not-object",
                "image-in-system"
            })
    void messagesAnthropicCannotTakeAreRejected(String shape) {
        Message bad = switch (shape) {
            case "image-in-assistant" -> new Message(Role.ASSISTANT, List.of(ContentPart.Image.url("https://x")));
            case "toolcall-in-user" -> new Message(Role.USER, List.of(new ContentPart.ToolCall("c", "f", "{}")));
            case "result-without-id" -> new Message(Role.TOOL, List.of(new ContentPart.ToolResult(null, "x")));
            case "call-without-id" -> new Message(Role.ASSISTANT, List.of(new ContentPart.ToolCall(null, "f", "{}")));
            case "args-not-object" -> new Message(Role.ASSISTANT, List.of(new ContentPart.ToolCall("c", "f", "[1]")));
            default -> new Message(Role.SYSTEM, List.of(ContentPart.Image.url("https://x")));
        };
        InvalidRequest e = catchThrowableOfType(
                InvalidRequest.class,
                () -> wire(base().messages(Message.user("Hi"), bad).build()));
        assertThat(e.param()).startsWith("messages[1]");
    }

    @Test
    void responseBlocksMapToCanonicalParts() {
        ChatResponse r = AnthropicMapping.fromWire(json("""
                {
                    "id": "msg_1",
                    "model": "claude-x",
                    "content": [
                        {"type": "thinking", "thinking": "hmm", "signature": "s"},
                        {"type": "redacted_thinking", "data": "enc"},
                        {"type": "server_tool_use", "id": "srv", "name": "web_search", "input": {}},
                        {"type": "web_search_tool_result", "tool_use_id": "srv", "content": []},
                        {"type": "text", "text": "A", "citations": [{"type": "x"}]},
                        {"type": "tool_use", "id": "t1", "name": "f", "input": {"a": [1, 2]}},
                        {"type": "something_new"}
                    ],
                    "stop_reason": "tool_use",
                    "usage": {
                        "input_tokens": 3,
                        "output_tokens": 4,
                        "cache_read_input_tokens": 10,
                        "cache_creation_input_tokens": 20,
                        "cache_creation": {"ephemeral_1h_input_tokens": 15, "ephemeral_5m_input_tokens": 5}
                    }
                }
                """));
        assertThat(r.message().content())
                .containsExactly(
                        new ContentPart.Reasoning("hmm", "s", null),
                        new ContentPart.Reasoning(null, null, "enc"),
                        new ContentPart.Text("A"),
                        new ContentPart.ToolCall("t1", "f", "{\"a\":[1,2]}"));
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.usage()).isEqualTo(new Usage(33L, 4L, 10L, 20L, null, 15L));
    }

    @Test
    void usageLeavesUnreportedFieldsNull() {
        assertThat(AnthropicMapping.usage(json("{\"output_tokens\":12}")))
                .isEqualTo(new Usage(null, 12L, null, null, null, null));
        assertThat(AnthropicMapping.usage(null)).isEqualTo(Usage.NOT_REPORTED);
    }

    @ParameterizedTest
    @CsvSource({
        "end_turn,STOP",
        "stop_sequence,STOP",
        "max_tokens,LENGTH",
        "model_context_window_exceeded,LENGTH",
        "tool_use,TOOL_CALLS",
        "refusal,CONTENT_FILTER",
        "pause_turn,UNKNOWN",
        "brand_new,UNKNOWN"
    })
    void stopReasons(String stop, FinishReason expected) {
        assertThat(AnthropicMapping.finishReason(stop)).isEqualTo(expected);
    }
}
