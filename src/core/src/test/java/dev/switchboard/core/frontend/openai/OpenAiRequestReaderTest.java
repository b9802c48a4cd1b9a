package dev.switchboard.core.frontend.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolChoice;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiRequestReaderTest {

    private static ParsedChatRequest read(String json) {
        return OpenAiRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void rejects(String json, String param, String messagePart) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining(messagePart)
                .matches(e -> param.equals(((InvalidRequest) e).param()), "param " + param);
    }

    @Test
    void readsEverySupportedParameter() {
        ParsedChatRequest p = read("""
                {"model":"anthropic/claude","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"developer","content":"be brief"},
                   {"role":"user","content":[{"type":"text","text":"what is this?","cache_control":{"type":"ephemeral"}},
                     {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0K","detail":"low"}}]},
                   {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\\"a\\":1}"}}]},
                   {"role":"tool","tool_call_id":"c1","content":[{"type":"text","text":"done"}]}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"},"strict":true}}],
                 "tool_choice":{"type":"function","function":{"name":"f"}},"parallel_tool_calls":false,
                 "response_format":{"type":"json_schema","json_schema":{"name":"out","schema":{"type":"object"},"strict":true}},
                 "temperature":0.2,"top_p":0.9,"max_tokens":10,"max_completion_tokens":20,"stop":"END","seed":7,"user":"u1",
                 "reasoning_effort":"low","presence_penalty":0.5}
                """);
        var r = p.request();
        assertThat(p.stream()).isTrue();
        assertThat(p.includeUsage()).isTrue();
        assertThat(r.messages())
                .extracting(m -> m.role())
                .containsExactly(Role.DEVELOPER, Role.USER, Role.ASSISTANT, Role.TOOL);
        var text = (ContentPart.Text) r.messages().get(1).content().get(0);
        assertThat(text.extensions()).containsKey("cache_control");
        var image = (ContentPart.Image) r.messages().get(1).content().get(1);
        assertThat(image.source()).isEqualTo(new ContentPart.ImageSource.Inline("image/png", "iVBORw0K"));
        assertThat(image.detail()).isEqualTo("low");
        assertThat(r.messages().get(2).toolCalls()).containsExactly(new ContentPart.ToolCall("c1", "f", "{\"a\":1}"));
        assertThat(r.messages().get(3).content()).containsExactly(new ContentPart.ToolResult("c1", "done"));
        assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Tool("f"));
        assertThat(r.parallelToolCalls()).isFalse();
        assertThat(r.responseFormat()).isInstanceOf(ResponseFormat.JsonSchema.class);
        assertThat(r.maxTokens())
                .as("max_completion_tokens wins over max_tokens")
                .isEqualTo(20);
        assertThat(r.stop()).containsExactly("END");
        assertThat(r.seed()).isEqualTo(7L);
        assertThat(r.reasoning().effort()).isEqualTo("low");
        assertThat(r.extensions()).containsOnlyKeys("presence_penalty");
    }

    @Test
    void thinkingExtensionGivesABudget() {
        var r = read("""
                {
                    "model": "m/x",
                    "messages": [{"role": "user", "content": "hi"}],
                    "thinking": {"type": "enabled", "budget_tokens": 2048}
                }
                """).request();
        assertThat(r.reasoning().budgetTokens()).isEqualTo(2048);
    }

    @Test
    void rejectsWhatItCannotHonor() {
        rejects("""
                {
                    "model": "m/x",
                    "messages": [{"role": "user", "content": "hi"}],
                    "stream_options": {"include_usage": true}
                }
                """, "stream_options", "only allowed when 'stream' is enabled");
        rejects("""
                {"model": "m/x", "messages": [{"role": "user", "content": [{"type": "input_audio"}]}]}
                """, "messages[0].content[0].type", "input_audio");
        rejects("""
                {"model": "m/x", "messages": [{"role": "user", "content": "hi"}], "temperature": 3}
                """, "temperature", "out of range");
        rejects("""
                {"model": "m/x", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 0}
                """, "max_tokens", "below the minimum");
        rejects(
                "{\"model\":\"m/x\",\"messages\":[{\"role\":\"tool\",\"content\":\"hi\"}]}",
                "messages[0].tool_call_id",
                "Missing required parameter");
        rejects(
                "{\"model\":\"m/x\",\"messages\":[{\"role\":\"assistant\"}]}",
                "messages[0].content",
                "needs content or tool_calls");
        rejects("""
                {"model": "m/x", "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "web_search"}]}
                """, "tools[0].type", "Only 'function' tools");
        rejects("""
                {"model": "m/x", "messages": [{"role": "user", "content": "hi"}], "tool_choice": "sometimes"}
                """, "tool_choice", "sometimes");
        rejects("""
                {"model": "m/x", "messages": [{"role": "user", "content": "hi"}], "reasoning_effort": "max"}
                """, "reasoning_effort", "max");
        rejects("""
                {
                    "model": "m/x",
                    "messages": [
                        {
                            "role": "user",
                            "content": [{"type": "image_url", "image_url": {"url": "data:image/png,xyz"}}]
                        }
                    ]
                }
                """, "messages[0].content[0].image_url.url", "base64");
        assertThatThrownBy(() -> read("[1,2]"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("JSON object");
    }

    private static final String BASE = "{\"model\":\"m/x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    /** Out-of-range integers are a 400 naming the field, never wrapped into another number. */
    @Test
    void integersOutOfRangeAre400() {
        rejects(BASE + ",\"seed\":99999999999999999999999}", "seed", "out of range");
        rejects(BASE + ",\"seed\":1e30}", "seed", "out of range");
        rejects(
                BASE + ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":3000000000}}",
                "thinking.budget_tokens",
                "maximum");
        rejects(BASE + ",\"max_tokens\":3000000000}", "max_tokens", "maximum");
        rejects(BASE + ",\"max_completion_tokens\":99999999999999999999}", "max_completion_tokens", "out of range");
        rejects(BASE + ",\"n\":3000000000}", "n", "maximum");
        assertThat(read(BASE + ",\"seed\":-9223372036854775808}").request().seed())
                .isEqualTo(Long.MIN_VALUE);
        assertThat(read(BASE + ",\"max_tokens\":2147483647}").request().maxTokens())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void callerTextsAreCapped() {
        rejects(BASE + ",\"user\":\"" + "u".repeat(1_000_000) + "\"}", "user", "at most 256");
        assertThat(read(BASE + ",\"user\":\"" + "u".repeat(256) + "\"}")
                        .request()
                        .user())
                .hasSize(256);
        rejects(BASE.replace("m/x", "m/" + "x".repeat(100_000)) + "}", "model", "at most 256");
        rejects(BASE.replace("m/x", "m/x\\u0000") + "}", "model", "only letters");
        rejects(BASE.replace("m/x", "m/x\\n") + "}", "model", "only letters");
        rejects(BASE.replace("m/x", "azure/..") + "}", "model", "'..'");
        rejects(BASE + ",\"metadata\":{\"k\":\"" + "v".repeat(513) + "\"}}", "metadata.k", "at most 512");
        rejects(BASE + ",\"metadata\":{\"k\":1}}", "metadata.k", "expected a string");
        StringBuilder many = new StringBuilder(BASE + ",\"metadata\":{");
        for (int i = 0; i < 17; i++)
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        rejects(many + "}}", "metadata", "at most 16");
    }

    @Test
    void jsonNestedPastTheReadLimitIsA400NotAStackOverflow() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> read(BASE + ",\"metadata\":{\"k\":" + deep + "}}"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("could not parse");
    }
}
