package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.conformance.ConformanceCase;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamCodecTest {
    private static final String START =
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-x\","
                    + "\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":5,\"cache_read_input_tokens\":20,"
                    + "\"cache_creation\":{\"ephemeral_1h_input_tokens\":5},\"output_tokens\":1}}}";
    private static final String DELTA_END = "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
            + "\"usage\":{\"output_tokens\":7}}";
    private static final String STOP = "{\"type\":\"message_stop\"}";

    /** The conformance case skipped as a request-side gap still has a response stream worth decoding. */
    @Test
    void decodesTheStreamOfTheRequestSideGapCase() {
        ConformanceCase c = ConformanceCase.load("anthropic").stream()
                .filter(k -> k.name().equals("stream_text_after_tool_result"))
                .findFirst()
                .orElseThrow();
        ChatResponse r = Sse.response(c.response().path("body_text").asText());
        assertThat(r.text()).isEqualTo(c.expect().path("text").asText());
        assertThat(r.id()).isEqualTo("msg_011oC3yivUSFxqbo3krQu9Nt");
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.usage().inputTokens()).isEqualTo(1007);
        assertThat(r.usage().outputTokens()).isEqualTo(59);
    }

    @Test
    void messageDeltaUsageOverlaysMessageStartUsage() {
        ChatResponse r = Sse.response(Sse.frames(
                "message_start",
                START,
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}   ",
                "content_block_stop",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "message_delta",
                DELTA_END,
                "message_stop",
                STOP));
        assertThat(r.text()).isEqualTo("Hi");
        assertThat(r.usage()).isEqualTo(new Usage(35L, 7L, 20L, 5L, null, 5L));
        assertThat(r.providerFinishReason()).isEqualTo("end_turn");
    }

    @Test
    void thinkingAndSignatureBecomeReasoning() {
        ChatResponse r = Sse.response(Sse.frames(
                "message_start",
                START,
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}",
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me \"}}",
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"think.\"}}",
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig==\"}}",
                "content_block_stop",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"xyz\"}}",
                "content_block_stop",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"text_delta\",\"text\":\"42\"}}",
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"citations_delta\",\"citation\":{}}}",
                "content_block_stop",
                "{\"type\":\"content_block_stop\",\"index\":2}",
                "message_delta",
                DELTA_END,
                "message_stop",
                STOP));
        assertThat(r.reasoningText()).isEqualTo("Let me think.");
        assertThat(r.message().reasoning())
                .singleElement()
                .extracting(ContentPart.Reasoning::signature)
                .isEqualTo("sig==");
        assertThat(r.text()).isEqualTo("42");
    }

    @Test
    void toolCallsAreNumberedInOrderAndServerToolsSkipped() {
        List<StreamEvent> events = Sse.decode(Sse.frames(
                "message_start",
                START,
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}",
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"q\\\":1}\"}}",
                "content_block_stop",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\",\"content\":[]}}",
                "content_block_stop",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_a\",\"name\":\"a\",\"input\":{}}}",
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}",
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"x\\\":\"}}",
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"1}\"}}",
                "content_block_stop",
                "{\"type\":\"content_block_stop\",\"index\":2}",
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":3,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_b\",\"name\":\"b\",\"input\":{}}}",
                "content_block_stop",
                "{\"type\":\"content_block_stop\",\"index\":3}",
                "message_delta",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}",
                "message_stop",
                STOP));
        assertThat(events)
                .filteredOn(e -> e instanceof StreamEvent.ToolCallStarted)
                .containsExactly(
                        new StreamEvent.ToolCallStarted(0, "toolu_a", "a"),
                        new StreamEvent.ToolCallStarted(1, "toolu_b", "b"));
        assertThat(events)
                .filteredOn(e -> e instanceof StreamEvent.ToolCallDelta)
                .containsExactly(new StreamEvent.ToolCallDelta(0, "{\"x\":"), new StreamEvent.ToolCallDelta(0, "1}"));
        ChatResponse r = Sse.accumulate(events);
        assertThat(r.toolCalls())
                .containsExactly(
                        new ContentPart.ToolCall("toolu_a", "a", "{\"x\":1}"),
                        new ContentPart.ToolCall("toolu_b", "b", "{}"));
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void pingsUnknownEventsAndMissingEventLinesAreTolerated() {
        ChatResponse r = Sse.response(
                Sse.frames(
                        null,
                        START,
                        "ping",
                        "{\"type\": \"ping\"}",
                        "brand_new_event",
                        "{\"type\":\"brand_new_event\",\"whatever\":[1,2]}",
                        "brand_new_event",
                        "not json at all",
                        null,
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"A\"}}",
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"brand_new_delta\"}}",
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":9,\"delta\":{\"type\":\"text_delta\",\"text\":\"orphan\"}}",
                        "message_delta",
                        DELTA_END,
                        "message_stop",
                        STOP,
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"late\"}}"));
        assertThat(r.text()).isEqualTo("A");
        assertThat(r.id()).isEqualTo("msg_1");
    }

    @Test
    void anOverloadedErrorEventFailsTheStreamAsOverloaded() {
        Throwable t = catchThrowable(() -> Sse.decode(Sse.frames(
                "message_start",
                START,
                "error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
        assertThat(t).isInstanceOf(Overloaded.class).hasMessageContaining("Overloaded");
        assertThat(((Overloaded) t).retriable()).isTrue();
        assertThat(((Overloaded) t).code()).isEqualTo("overloaded_error");
    }

    @Test
    void otherErrorEventsMapByTheirType() {
        assertThat(catchThrowable(() -> Sse.decode(Sse.frames(
                        "error",
                        "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"))))
                .isInstanceOf(RateLimited.class);
        assertThat(catchThrowable(() -> Sse.decode(Sse.frames(
                        "error",
                        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}"))))
                .isInstanceOf(InvalidRequest.class);
        Throwable api = catchThrowable(() -> Sse.decode(Sse.frames(
                "error",
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}")));
        assertThat(api).isInstanceOf(UpstreamError.class);
        assertThat(((UpstreamError) api).retriable()).isTrue();
    }

    @Test
    void aStreamEndingBeforeMessageStopIsARetriableUpstreamError() {
        Throwable t = catchThrowable(() -> Sse.decode(Sse.frames(
                "message_start",
                START,
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "message_delta",
                DELTA_END)));
        assertThat(t).isInstanceOf(UpstreamError.class);
        assertThat(((UpstreamError) t).retriable()).isTrue();
        assertThat(((UpstreamError) t).code()).isEqualTo("stream_incomplete");
    }

    @Test
    void aKnownEventThatIsNotJsonIsMalformed() {
        Throwable t = catchThrowable(() -> Sse.decode(Sse.frames("message_start", "{oops")));
        assertThat(t).isInstanceOf(UpstreamError.class);
        assertThat(((UpstreamError) t).code()).isEqualTo("malformed_response");
    }
}
