package dev.switchboard.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.http.SseEvent;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.testing.StreamReplay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiStreamCodecTest {
    private final GeminiStreamCodec codec = new GeminiStreamCodec("gemini");
    private final List<StreamEvent> events = new ArrayList<>();

    private void feed(String data) {
        codec.onEvent(new SseEvent(null, data, null), events::add);
    }

    private ChatResponse result() {
        codec.onEnd(events::add);
        return StreamReplay.fold(events);
    }

    @Test
    void partialArgumentsAreAssembledIntoOneDelta() {
        feed("""
                {"candidates":[{"content":{"parts":[{"functionCall":{"name":"plan","willContinue":true},"thoughtSignature":"c2ln"}]}}]}""");
        feed("""
                {"candidates":[{"content":{"parts":[{"functionCall":{"partialArgs":[
                  {"jsonPath":"$.trip.stops[0].city","stringValue":"Par","willContinue":true}],"willContinue":true}}]}}]}""");
        feed("""
                {"candidates":[{"content":{"parts":[{"functionCall":{"partialArgs":[
                  {"jsonPath":"$.trip.stops[0].city","stringValue":"is"},
                  {"jsonPath":"$.trip.stops[0].nights","numberValue":2.0},
                  {"jsonPath":"$.trip['needs visa']","boolValue":false},
                  {"jsonPath":"$.trip.note","nullValue":null}],"willContinue":true}}]}}]}""");
        feed("""
                {"candidates":[{"content":{"parts":[{"functionCall":{}}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":4}}""");
        ChatResponse r = result();

        assertThat(events.stream().filter(StreamEvent.ToolCallDelta.class::isInstance))
                .hasSize(1);
        assertThat(r.toolCalls()).hasSize(1);
        assertThat(r.toolCalls().get(0).name()).isEqualTo("plan");
        assertThat(GeminiToolCallIds.decode(r.toolCalls().get(0).id()).thoughtSignature())
                .isEqualTo("c2ln");
        assertThat(r.toolCalls().get(0).arguments())
                .isEqualTo(
                        "{\"trip\":{\"stops\":[{\"city\":\"Paris\",\"nights\":2}],\"needs visa\":false,\"note\":null}}");
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.usage().outputTokens()).isEqualTo(4L);
    }

    @Test
    void aStreamWithoutAFinishReasonWasCutOff() {
        feed("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}]}");
        assertThatThrownBy(() -> codec.onEnd(events::add)).isInstanceOfSatisfying(UpstreamError.class, e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.code()).isEqualTo("stream_incomplete");
        });
    }

    @Test
    void aBlockedPromptFinishesTheStream() {
        feed("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},\"responseId\":\"r1\"}");
        ChatResponse r = result();
        assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(r.providerFinishReason()).isEqualTo("PROHIBITED_CONTENT");
        assertThat(r.id()).isEqualTo("r1");
    }

    @Test
    void anErrorInsideTheStreamIsMapped() {
        feed("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]}");
        assertThatThrownBy(() -> feed("""
                {"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"slow down",
                  "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"2s"}]}}"""))
                .isInstanceOfSatisfying(
                        RateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void malformedPathsAreSkipped() {
        assertThat(PartialArgs.parsePath("$.a[2]['b c'].d")).containsExactly("a", 2, "b c", "d");
        assertThat(PartialArgs.parsePath("a.b")).isNull();
        assertThat(PartialArgs.parsePath("$.a[-1]")).isNull();
        assertThat(PartialArgs.parsePath("$..a")).isNull();
    }
}
