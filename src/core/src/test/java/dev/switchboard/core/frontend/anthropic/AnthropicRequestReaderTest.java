package dev.switchboard.core.frontend.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ReasoningConfig;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolChoice;
import dev.switchboard.core.model.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicRequestReaderTest {
    private static final String MINIMAL =
            "{\"model\":\"claude-x\",\"max_tokens\":100," + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    /** The minimal valid request with one top-level field set (or removed, when value is "-"). */
    private static JsonNode with(String field, String value) {
        ObjectNode root = (ObjectNode) json(MINIMAL);
        if (value.equals("-")) root.remove(field);
        else root.set(field, json(value));
        return root;
    }

    @Test
    void minimalRequest() {
        ParsedMessagesRequest p = AnthropicRequestReader.read(MINIMAL.getBytes(StandardCharsets.UTF_8));
        assertThat(p.stream()).isFalse();
        assertThat(p.request())
                .isEqualTo(ChatRequest.builder()
                        .model("claude-x")
                        .maxTokens(100)
                        .messages(Message.user("Hi"))
                        .build());
    }

    @Test
    void everyMappedParameter() {
        JsonNode root = json("""
                {"model":"claude-x","max_tokens":2000,"stream":true,"temperature":0.5,"top_p":0.9,"top_k":40,
                 "stop_sequences":["END"],"metadata":{"user_id":"u-1"},"service_tier":"auto",
                 "cache_control":{"type":"ephemeral","ttl":"1h"},
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "thinking":{"type":"enabled","budget_tokens":1024},
                 "output_config":{"effort":"low","format":{"type":"json_schema","schema":{"type":"object"}}},
                 "tools":[{"name":"f","description":"does f","input_schema":{"type":"object"},"strict":true},
                          {"type":"web_search_20250305","name":"web_search","max_uses":3}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},
                 "messages":[
                   {"role":"user","content":[{"type":"text","text":"Look"},
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}},
                     {"type":"image","source":{"type":"url","url":"https://x/y.jpg"},"cache_control":{"type":"ephemeral"}}]},
                   {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"sig"},
                     {"type":"redacted_thinking","data":"enc"},{"type":"text","text":"Calling."},
                     {"type":"tool_use","id":"t1","name":"f","input":{"a":1}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"},
                     {"type":"tool_result","tool_use_id":"t1","is_error":true,
                      "content":[{"type":"text","text":"line 1"},{"type":"text","text":"line 2"}]},
                     {"type":"text","text":"Go on"}]}]}
                """);
        ParsedMessagesRequest p = AnthropicRequestReader.read(root);
        ChatRequest r = p.request();
        assertThat(p.stream()).isTrue();
        assertThat(r.maxTokens()).isEqualTo(2000);
        assertThat(r.temperature()).isEqualTo(0.5);
        assertThat(r.topP()).isEqualTo(0.9);
        assertThat(r.stop()).containsExactly("END");
        assertThat(r.user()).isEqualTo("u-1");
        assertThat(r.reasoning()).isEqualTo(new ReasoningConfig(null, 1024));
        assertThat(r.responseFormat())
                .isEqualTo(new ResponseFormat.JsonSchema("response", null, json("{\"type\":\"object\"}"), true));
        assertThat(r.tools()).containsExactly(new ToolSpec("f", "does f", json("{\"type\":\"object\"}"), true));
        assertThat(r.toolChoice()).isEqualTo(ToolChoice.REQUIRED);
        assertThat(r.parallelToolCalls()).isFalse();
        assertThat(r.extensions())
                .containsOnlyKeys(
                        "top_k",
                        "service_tier",
                        "cache_control",
                        "output_config",
                        AnthropicRequestReader.DEFINED_TOOLS);
        assertThat(r.extensions().get("output_config")).isEqualTo(json("{\"effort\":\"low\"}"));
        assertThat(r.extensions().get(AnthropicRequestReader.DEFINED_TOOLS))
                .isEqualTo(json("[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":3}]"));
        assertThat(r.messages())
                .containsExactly(
                        new Message(
                                Role.SYSTEM,
                                List.of(new ContentPart.Text(
                                        "Be brief.", Map.of("cache_control", json("{\"type\":\"ephemeral\"}"))))),
                        new Message(
                                Role.USER,
                                List.of(
                                        new ContentPart.Text("Look"),
                                        ContentPart.Image.inline("image/png", "AAAA"),
                                        ContentPart.Image.url("https://x/y.jpg"))),
                        new Message(
                                Role.ASSISTANT,
                                List.of(
                                        new ContentPart.Reasoning("hmm", "sig", null),
                                        new ContentPart.Reasoning(null, null, "enc"),
                                        new ContentPart.Text("Calling."),
                                        new ContentPart.ToolCall("t1", "f", "{\"a\":1}"))),
                        new Message(
                                Role.USER,
                                List.of(
                                        new ContentPart.ToolResult("t1", "ok", false),
                                        new ContentPart.ToolResult("t1", "line 1\nline 2", true),
                                        new ContentPart.Text("Go on"))));
    }

    @Test
    void thinkingVariants() {
        assertThat(AnthropicRequestReader.read(with("thinking", "{\"type\":\"disabled\"}"))
                        .request()
                        .reasoning()
                        .disabled())
                .isTrue();
        ChatRequest adaptive = AnthropicRequestReader.read(
                        with("thinking", "{\"type\":\"adaptive\",\"display\":\"omitted\"}"))
                .request();
        assertThat(adaptive.reasoning()).isNull();
        assertThat(adaptive.extensions().get("thinking"))
                .isEqualTo(json("{\"type\":\"adaptive\",\"display\":\"omitted\"}"));
        ChatRequest displayed = AnthropicRequestReader.read(
                        with("thinking", "{\"type\":\"enabled\",\"budget_tokens\":2048,\"display\":\"summarized\"}"))
                .request();
        assertThat(displayed.reasoning()).isNull();
        assertThat(displayed.extensions()).containsKey("thinking");
    }

    @Test
    void theStructuredOutputsBetaSpellingIsAccepted() {
        ChatRequest r = AnthropicRequestReader.read(
                        with("output_format", "{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}"))
                .request();
        assertThat(r.responseFormat()).isInstanceOf(ResponseFormat.JsonSchema.class);
        assertThat(r.extensions()).doesNotContainKey("output_config");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "model|-|model",
                "model|42|model",
                "model|\"\"|model",
                "max_tokens|-|max_tokens",
                "max_tokens|\"100\"|max_tokens",
                "max_tokens|0|max_tokens",
                "max_tokens|1.5|max_tokens",
                "messages|-|messages",
                "messages|[]|messages",
                "messages|{}|messages",
                "messages|[\"hi\"]|messages.0",
                "messages|[{\"role\":\"system\",\"content\":\"x\"}]|messages.0.role",
                "messages|[{\"content\":\"x\"}]|messages.0.role",
                "messages|[{\"role\":\"user\"}]|messages.0.content",
                "messages|[{\"role\":\"user\",\"content\":\"\"}]|messages.0.content",
                "messages|[{\"role\":\"user\",\"content\":5}]|messages.0.content",
                "messages|[{\"role\":\"user\",\"content\":\"x\",\"name\":\"bob\"}]|messages.0.name",
                "messages|[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]|messages.0.content.0.type",
                "messages|[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]|messages.0.content.0.text",
                "messages|[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\",\"extra\":1}]}]|messages.0.content.0.extra",
                "messages|[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{}}]}]|messages.0.content.0.type",
                "messages|[{\"role\":\"user\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{}}]}]|messages.0.content.0.type",
                "messages|[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]}]|messages.0.content.0.source.type",
                "messages|[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"data\":\"AA\"}}]}]|messages.0.content.0.source.media_type",
                "messages|[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"content\":\"x\"}]}]|messages.0.content.0.tool_use_id",
                "messages|[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":[{\"type\":\"image\"}]}]}]|messages.0.content.0.content.0.type",
                "messages|[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"is_error\":\"no\"}]}]|messages.0.content.0.is_error",
                "messages|[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":\"forever\"}}]}]|messages.0.content.0.cache_control.type",
                "messages|[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\"}]}]|messages.0.content.0.input",
                "messages|[{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"x\"}]}]|messages.0.content.0.signature",
                "messages|[{\"role\":\"assistant\",\"content\":[{\"type\":\"server_tool_use\",\"id\":\"s\",\"name\":\"web_search\",\"input\":{}}]}]|messages.0.content.0.type",
                "messages|[{\"role\":\"assistant\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"u\"}}]}]|messages.0.content.0.type",
                "messages|[{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"x\",\"citations\":[{\"type\":\"c\"}]}]}]|messages.0.content.0.citations",
                "system|5|system",
                "system|[{\"type\":\"image\"}]|system.0.type",
                "temperature|1.5|temperature",
                "temperature|\"hot\"|temperature",
                "top_p|-0.1|top_p",
                "top_k|-1|top_k",
                "stop_sequences|\"END\"|stop_sequences",
                "stop_sequences|[1]|stop_sequences.0",
                "stream|\"yes\"|stream",
                "tools|{}|tools",
                "tools|[{\"name\":\"f\"}]|tools.0.input_schema",
                "tools|[{\"input_schema\":{}}]|tools.0.name",
                "tools|[{\"name\":\"f\",\"input_schema\":{},\"defer_loading\":true}]|tools.0.defer_loading",
                "tools|[{\"type\":\"web_search_20250305\"}]|tools.0.name",
                "tool_choice|\"auto\"|tool_choice",
                "tool_choice|{\"type\":\"required\"}|tool_choice.type",
                "tool_choice|{\"type\":\"tool\"}|tool_choice.name",
                "tool_choice|{\"type\":\"none\",\"disable_parallel_tool_use\":true}|tool_choice.disable_parallel_tool_use",
                "thinking|{\"type\":\"enabled\"}|thinking.budget_tokens",
                "thinking|{\"type\":\"on\"}|thinking.type",
                "thinking|{\"type\":\"disabled\",\"budget_tokens\":5}|thinking.budget_tokens",
                "metadata|{\"user_id\":1}|metadata.user_id",
                "metadata|{\"session\":\"s\"}|metadata.session",
                "service_tier|\"priority\"|service_tier",
                "cache_control|{\"type\":\"ephemeral\",\"size\":1}|cache_control.size",
                "output_config|{\"format\":{\"type\":\"json_object\"}}|output_config.format.type",
                "output_config|{\"format\":{\"type\":\"json_schema\"}}|output_config.format.schema",
                "output_config|{\"verbosity\":\"low\"}|output_config.verbosity",
                "output_format|{\"type\":\"json_schema\",\"schema\":[]}|output_format.schema",
                "presence_penalty|0.5|presence_penalty",
                "n|1|n",
                "container|\"c\"|container"
            })
    void badInputIsA400NamingTheParameter(String field, String value, String param) {
        InvalidRequest e =
                catchThrowableOfType(InvalidRequest.class, () -> AnthropicRequestReader.read(with(field, value)));
        assertThat(e).as("no error for %s = %s", field, value).isNotNull();
        assertThat(e.param()).isEqualTo(param);
        assertThat(e.getMessage()).startsWith(param + ": ");
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void bothStructuredOutputSpellingsAtOnceAreRejected() {
        ObjectNode root = (ObjectNode) with("output_format", "{\"type\":\"json_schema\",\"schema\":{}}");
        root.set("output_config", json("{\"format\":{\"type\":\"json_schema\",\"schema\":{}}}"));
        assertThat(catchThrowableOfType(InvalidRequest.class, () -> AnthropicRequestReader.read(root))
                        .param())
                .isEqualTo("output_format");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRejected() {
        assertThat(catchThrowableOfType(
                        InvalidRequest.class,
                        () -> AnthropicRequestReader.read("not json".getBytes(StandardCharsets.UTF_8))))
                .isNotNull();
        assertThat(catchThrowableOfType(InvalidRequest.class, () -> AnthropicRequestReader.read(json("[1]"))))
                .isNotNull();
    }

    /** The recorded request the conformance suite declares a known gap is rejected where the README says. */
    @Test
    void serverToolBlocksInHistoryAreRejectedByPath() {
        JsonNode body = dev.switchboard.conformance.ConformanceCase.load("anthropic").stream()
                .filter(c -> c.name().equals("stream_text_after_tool_result"))
                .findFirst()
                .orElseThrow()
                .requestBody();
        InvalidRequest e = catchThrowableOfType(InvalidRequest.class, () -> AnthropicRequestReader.read(body));
        assertThat(e.param()).isEqualTo("messages.1.content.1.type");
    }

    @Test
    void integersPastAnIntAndLongTextsAre400() {
        assertThatThrownBy(() -> AnthropicRequestReader.read(
                        with("thinking", "{\"type\":\"enabled\",\"budget_tokens\":3000000000}")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("thinking.budget_tokens");
        assertThatThrownBy(() -> AnthropicRequestReader.read(with("max_tokens", "99999999999999999999999")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("max_tokens");
        assertThatThrownBy(() ->
                        AnthropicRequestReader.read(with("metadata", "{\"user_id\":\"" + "u".repeat(257) + "\"}")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("metadata.user_id");
        assertThatThrownBy(() -> AnthropicRequestReader.read(with("model", "\"claude\\nx\"")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("model");
    }
}
