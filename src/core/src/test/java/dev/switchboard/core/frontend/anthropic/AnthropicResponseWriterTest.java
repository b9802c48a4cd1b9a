package dev.switchboard.core.frontend.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.AllTargetsFailed;
import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.NotConfigured;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.RequestTooLarge;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicResponseWriterTest {

    @Test
    void messageWithEveryKindOfContent() {
        ChatResponse r = new ChatResponse(
                "up-1",
                "claude-x",
                new Message(
                        Role.ASSISTANT,
                        List.of(
                                new ContentPart.Reasoning("hmm", "sig", null),
                                        ContentPart.Reasoning.of("from elsewhere"),
                                new ContentPart.Reasoning(null, null, "enc"), new ContentPart.Text("Answer"),
                                new ContentPart.ToolCall("call_1", "f", "{\"a\":1}"),
                                        new ContentPart.ToolCall(null, "g", ""))),
                FinishReason.TOOL_CALLS,
                "tool_calls",
                new Usage(1114L, 406L, 1111L, 0L, null, 0L));
        JsonNode m = AnthropicResponseWriter.message(r, "msg_x", "anthropic/claude-x", new BigDecimal("0.0123"));
        assertThat(m.get("id").asText()).isEqualTo("msg_x");
        assertThat(m.get("type").asText()).isEqualTo("message");
        assertThat(m.get("role").asText()).isEqualTo("assistant");
        assertThat(m.get("model").asText()).isEqualTo("anthropic/claude-x");
        assertThat(m.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(m.get("stop_sequence").isNull()).isTrue();
        JsonNode content = m.get("content");
        assertThat(content.get(0))
                .isEqualTo(Json.parse("{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"sig\"}"));
        assertThat(content.get(1))
                .isEqualTo(Json.parse("{\"type\":\"thinking\",\"thinking\":\"from elsewhere\",\"signature\":\"\"}"));
        assertThat(content.get(2)).isEqualTo(Json.parse("{\"type\":\"redacted_thinking\",\"data\":\"enc\"}"));
        assertThat(content.get(3)).isEqualTo(Json.parse("{\"type\":\"text\",\"text\":\"Answer\"}"));
        assertThat(content.get(4))
                .isEqualTo(Json.parse("{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"f\",\"input\":{\"a\":1}}"));
        assertThat(content.get(5).get("id").asText()).startsWith("toolu_");
        assertThat(content.get(5).get("input")).isEqualTo(Json.object());
        assertThat(Json.write(m.get("usage")))
                .isEqualTo(sameText("{\"input_tokens\":3,\"cache_creation_input_tokens\":0,"
                        + "\"cache_read_input_tokens\":1111,\"cache_creation\":{\"ephemeral_1h_input_tokens\":0,"
                        + "\"ephemeral_5m_input_tokens\":0},\"output_tokens\":406,\"cost_usd\":0.0123}"));
    }

    @Test
    void unreportedUsage() {
        assertThat(Json.write(AnthropicResponseWriter.usage(Usage.NOT_REPORTED, null)))
                .isEqualTo(
                        sameText(
                                "{\"input_tokens\":0,\"cache_creation_input_tokens\":null,\"cache_read_input_tokens\":null,\"output_tokens\":0}"));
        assertThat(AnthropicResponseWriter.usage(Usage.of(10, 2), null)
                        .get("input_tokens")
                        .asLong())
                .isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "STOP,end_turn,end_turn",
                "STOP,stop_sequence,stop_sequence",
                "STOP,stop,end_turn",
                "STOP,null,end_turn",
                "LENGTH,length,max_tokens",
                "LENGTH,MAX_TOKENS,max_tokens",
                "LENGTH,model_context_window_exceeded,model_context_window_exceeded",
                "TOOL_CALLS,tool_calls,tool_use",
                "CONTENT_FILTER,content_filter,refusal",
                "CONTENT_FILTER,SAFETY,refusal",
                "UNKNOWN,pause_turn,pause_turn",
                "UNKNOWN,weird,end_turn"
            })
    void stopReasons(FinishReason reason, String provider, String expected) {
        assertThat(AnthropicResponseWriter.stopReason(reason, provider)).isEqualTo(expected);
    }

    @Test
    void errorTypesFollowTheStatus() {
        ErrorInfo info = ErrorInfo.of("m");
        assertThat(type(InvalidRequest.forParam("x", "bad"))).isEqualTo("invalid_request_error");
        assertThat(type(new ModelNotFound("no such model"))).isEqualTo("not_found_error");
        assertThat(type(new RequestTooLarge("big"))).isEqualTo("request_too_large");
        assertThat(type(new RateLimited(info, null))).isEqualTo("rate_limit_error");
        assertThat(type(new Overloaded(info))).isEqualTo("overloaded_error");
        assertThat(type(new NotConfigured(info))).isEqualTo("overloaded_error");
        assertThat(type(new Timeout(info))).isEqualTo("timeout_error");
        assertThat(type(new UpstreamError(info, true))).isEqualTo("api_error");
        assertThat(type(new AuthFailed(info))).isEqualTo("api_error");
        assertThat(type(new AllTargetsFailed(
                        "r", List.of(new AllTargetsFailed.Attempt("a", 1, new RateLimited(info, null))))))
                .isEqualTo("rate_limit_error");
        JsonNode body = AnthropicResponseWriter.error(new ModelNotFound("model 'x' not found"));
        assertThat(body).isEqualTo(Json.parse("""
                {"type": "error", "error": {"type": "not_found_error", "message": "model 'x' not found"}}
                """));
    }

    /** JSON text as Jackson writes it (numbers read back as ints would not equal the writer's longs). */
    private static String sameText(String json) {
        return Json.write(Json.parse(json));
    }

    private static String type(SwitchboardException e) {
        return AnthropicResponseWriter.errorType(e);
    }
}
