package dev.switchboard.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.frontend.openai.OpenAiChunkWriter;
import dev.switchboard.core.http.SseEvent;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import dev.switchboard.testing.StreamReplay;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamCodecTest {

    private static List<StreamEvent> decode(String sse) {
        return StreamReplay.decode(new OpenAiStreamCodec("openai"), sse);
    }

    private static ChatResponse fold(List<StreamEvent> events) {
        return StreamReplay.fold(events);
    }

    @Test
    void aStreamCutBeforeItsEndIsARetriableError() {
        OpenAiStreamCodec codec = new OpenAiStreamCodec("openai");
        List<StreamEvent> out = new ArrayList<>();
        codec.onEvent(
                new SseEvent(null, "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}", null),
                out::add);
        assertThatThrownBy(() -> codec.onEnd(out::add))
                .isInstanceOf(UpstreamError.class)
                .matches(e -> ((UpstreamError) e).retriable());
        assertThat(fold(out).text()).isEqualTo("Hel");
    }

    @Test
    void anErrorObjectInsideTheStreamIsMapped() {
        OpenAiStreamCodec codec = new OpenAiStreamCodec("openai");
        assertThatThrownBy(() -> codec.onEvent(
                        new SseEvent(
                                null,
                                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}",
                                null),
                        e -> {}))
                .isInstanceOf(RateLimited.class)
                .hasMessageContaining("Rate limit reached");
    }

    @Test
    void malformedChunkIsARetriableUpstreamError() {
        OpenAiStreamCodec codec = new OpenAiStreamCodec("local");
        assertThatThrownBy(() -> codec.onEvent(new SseEvent(null, "{not json", null), e -> {}))
                .isInstanceOf(UpstreamError.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void toolCallsWithoutIndexAndObjectArgumentsFromCompatibleServers() {
        List<StreamEvent> events = decode("""
                data: {"id":"x","choices":[{"index":0,"delta":{"tool_calls":[{"id":"a","function":{"name":"f","arguments":{"q":1}}},{"id":"b","function":{"name":"g","arguments":"{}"}}]}}]}

                data: {"id":"x","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

                data: [DONE]
                """);
        ChatResponse r = fold(events);
        assertThat(r.toolCalls()).hasSize(2);
        assertThat(r.toolCalls().get(0).arguments()).isEqualTo("{\"q\":1}");
        assertThat(r.toolCalls().get(1).name()).isEqualTo("g");
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void reasoningContentFromVllmStyleServers() {
        ChatResponse r = fold(decode("""
                data: {"choices":[{"index":0,"delta":{"reasoning_content":"hmm "}}]}

                data: {"choices":[{"index":0,"delta":{"content":"42"},"finish_reason":"stop"}]}

                data: [DONE]
                """));
        assertThat(r.reasoningText()).isEqualTo("hmm ");
        assertThat(r.text()).isEqualTo("42");
    }

    /** The gateway's own chunk writer and the OpenAI codec are inverses: what one writes, the other reads back. */
    @Test
    void chunkWriterRoundTrip() {
        List<StreamEvent> events = List.of(
                new StreamEvent.Started("id1", "m"),
                new StreamEvent.ReasoningDelta("thinking", null),
                new StreamEvent.TextDelta("Hello "),
                new StreamEvent.TextDelta("world"),
                new StreamEvent.ToolCallStarted(0, "call_1", "lookup"),
                new StreamEvent.ToolCallDelta(0, "{\"q\":"),
                new StreamEvent.ToolCallDelta(0, "\"x\"}"),
                new StreamEvent.Finished(FinishReason.TOOL_CALLS, "tool_calls"),
                new StreamEvent.UsageReported(new Usage(10L, 5L, 2L, null, 1L)));
        OpenAiChunkWriter writer = new OpenAiChunkWriter("id1", "p/m", 1, true);
        StringBuilder sse = new StringBuilder();
        events.forEach(e -> sse.append(new String(writer.write(e), StandardCharsets.UTF_8)));
        sse.append(new String(writer.end(null), StandardCharsets.UTF_8));

        ChatResponse expected = fold(events);
        ChatResponse back = fold(decode(sse.toString()));
        assertThat(back.text()).isEqualTo(expected.text());
        assertThat(back.reasoningText()).isEqualTo("thinking");
        assertThat(back.toolCalls()).isEqualTo(expected.toolCalls());
        assertThat(back.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(back.usage()).isEqualTo(expected.usage());
        assertThat(sse.toString()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void withoutIncludeUsageNoUsageChunkIsWritten() {
        OpenAiChunkWriter writer = new OpenAiChunkWriter("id1", "p/m", 1, false);
        writer.write(new StreamEvent.UsageReported(Usage.of(1, 2)));
        assertThat(new String(writer.end(null), StandardCharsets.UTF_8)).isEqualTo("data: [DONE]\n\n");
    }
}
