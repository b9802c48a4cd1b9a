package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatStream;
import dev.switchboard.testing.StreamReplay;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ConverseStream through the real async SDK client and a local server speaking AWS event-stream frames. */
class BedrockStreamTest {
    private static final CallOptions OPTIONS = new CallOptions(Duration.ofSeconds(10), Duration.ofSeconds(10));
    private static final Map<String, String> EVENT_STREAM =
            Map.of("content-type", "application/vnd.amazon.eventstream");
    private static final ChatRequest REQUEST = ChatRequest.builder()
            .model("us.anthropic.claude-sonnet-4-5-20250929-v1:0")
            .messages(Message.user("Weather in Paris?"))
            .build();

    @Test
    void toolUseStreamsAsToolCallEvents() {
        byte[] body = new EventStreamFrames()
                .event("messageStart", "{\"role\":\"assistant\"}")
                .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Let me check.\"}}")
                .event("contentBlockStop", "{\"contentBlockIndex\":0}")
                .event(
                        "contentBlockStart",
                        "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"toolUseId\":\"tooluse_1\",\"name\":\"get_weather\"}}}")
                .event(
                        "contentBlockDelta",
                        "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"city\\\":\"}}}")
                .event(
                        "contentBlockDelta",
                        "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"\\\"Paris\\\"}\"}}}")
                .event("contentBlockStop", "{\"contentBlockIndex\":1}")
                .event("messageStop", "{\"stopReason\":\"tool_use\"}")
                .event(
                        "metadata",
                        "{\"usage\":{\"inputTokens\":10,\"outputTokens\":20,\"cacheReadInputTokens\":100,\"cacheWriteInputTokens\":5,\"totalTokens\":135},\"metrics\":{\"latencyMs\":1}}")
                .bytes();
        try (ScriptedUpstream upstream = ScriptedUpstream.replying(200, EVENT_STREAM, body)) {
            BedrockProvider provider = TestBedrock.provider(upstream.baseUri());
            List<StreamEvent> events = drain(provider.stream(REQUEST, OPTIONS));
            TestBedrock.closeInBackground(provider);

            assertThat(events)
                    .filteredOn(StreamEvent.ToolCallStarted.class::isInstance)
                    .containsExactly(new StreamEvent.ToolCallStarted(0, "tooluse_1", "get_weather"));
            ChatResponse r = StreamReplay.fold(events);
            assertThat(r.text()).isEqualTo("Let me check.");
            assertThat(r.toolCalls())
                    .singleElement()
                    .satisfies(c -> assertThat(c.arguments()).isEqualTo("{\"city\":\"Paris\"}"));
            assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
            assertThat(r.usage().inputTokens()).isEqualTo(115L);
            assertThat(r.usage().cacheReadTokens()).isEqualTo(100L);
            assertThat(r.usage().cacheWriteTokens()).isEqualTo(5L);
            assertThat(r.usage().reasoningTokens()).isNull();
            assertThat(upstream.seen().get(0).pathAndQuery())
                    .isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream");
            assertThat(upstream.seen().get(0).headers().get("authorization"))
                    .as("signed by the SDK with the injected credentials")
                    .startsWith("AWS4-HMAC-SHA256 Credential=" + TestBedrock.ACCESS_KEY + "/");
        }
    }

    @Test
    void anExceptionEventMidStreamFailsTheStreamAfterTheEventsBeforeIt() {
        byte[] body = new EventStreamFrames()
                .event("messageStart", "{\"role\":\"assistant\"}")
                .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Partial\"}}")
                .exception("throttlingException", "Too many tokens, please wait before trying again.")
                .bytes();
        try (ScriptedUpstream upstream = ScriptedUpstream.replying(200, EVENT_STREAM, body)) {
            BedrockProvider provider = TestBedrock.provider(upstream.baseUri());
            List<StreamEvent> seen = new ArrayList<>();
            RateLimited error;
            try (ChatStream stream = provider.stream(REQUEST, OPTIONS)) {
                error = catchThrowableOfType(RateLimited.class, () -> {
                    for (StreamEvent e = stream.next(); e != null; e = stream.next()) seen.add(e);
                });
            }
            TestBedrock.closeInBackground(provider);

            assertThat(seen).contains(new StreamEvent.TextDelta("Partial"));
            assertThat(error).isNotNull();
            assertThat(error.retriable()).isTrue();
            assertThat(error.getMessage()).contains("Too many tokens");
            assertThat(error.info().code()).isEqualTo("ThrottlingException");
            assertThat(error.upstreamStatus())
                    .as("the status AWS models for the type")
                    .isEqualTo(429);
        }
    }

    @Test
    void aModelStreamErrorEventBecomesARetriableUpstreamError() {
        byte[] body = new EventStreamFrames()
                .event("messageStart", "{\"role\":\"assistant\"}")
                .exception("modelStreamErrorException", "The model stream failed.")
                .bytes();
        try (ScriptedUpstream upstream = ScriptedUpstream.replying(200, EVENT_STREAM, body)) {
            BedrockProvider provider = TestBedrock.provider(upstream.baseUri());
            Throwable error;
            try (ChatStream stream = provider.stream(REQUEST, OPTIONS)) {
                error = catchThrowableOfType(UpstreamError.class, () -> drainInto(stream, new ArrayList<>()));
            }
            TestBedrock.closeInBackground(provider);
            assertThat(error).isInstanceOf(UpstreamError.class);
            assertThat(((UpstreamError) error).retriable()).isTrue();
            assertThat(((UpstreamError) error).info().code()).isEqualTo("ModelStreamErrorException");
        }
    }

    /** The connection ends cleanly but without messageStop: the text so far stays, the stream still fails. */
    @Test
    void aCutStreamIsIncompleteNotFinished() {
        byte[] body = new EventStreamFrames()
                .event("messageStart", "{\"role\":\"assistant\"}")
                .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Half an ans\"}}")
                .bytes();
        try (ScriptedUpstream upstream = ScriptedUpstream.replying(200, EVENT_STREAM, body)) {
            BedrockProvider provider = TestBedrock.provider(upstream.baseUri());
            List<StreamEvent> seen = new ArrayList<>();
            UpstreamError error;
            try (ChatStream stream = provider.stream(REQUEST, OPTIONS)) {
                error = catchThrowableOfType(UpstreamError.class, () -> drainInto(stream, seen));
            }
            TestBedrock.closeInBackground(provider);
            assertThat(seen).contains(new StreamEvent.TextDelta("Half an ans"));
            assertThat(seen).noneMatch(StreamEvent.Finished.class::isInstance);
            assertThat(error.code()).isEqualTo("stream_incomplete");
            assertThat(error.retriable()).isTrue();
        }
    }

    /** An HTTP error before the stream fails stream() itself, with the AWS error type read from the header. */
    @Test
    void aRefusedStreamFailsInStreamNotInNext() {
        byte[] body = "{\"message\":\"The provided model identifier is invalid.\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers =
                Map.of("content-type", "application/json", "x-amzn-ErrorType", "ValidationException");
        try (ScriptedUpstream upstream = ScriptedUpstream.replying(400, headers, body)) {
            BedrockProvider provider = TestBedrock.provider(upstream.baseUri());
            InvalidRequest error = catchThrowableOfType(InvalidRequest.class, () -> provider.stream(REQUEST, OPTIONS));
            TestBedrock.closeInBackground(provider);
            assertThat(error).isNotNull();
            assertThat(error.upstreamStatus()).isEqualTo(400);
            assertThat(error.info().code()).isEqualTo("ValidationException");
            assertThat(error.getMessage()).isEqualTo("bedrock: The provided model identifier is invalid.");
        }
    }

    @Test
    void anUpstreamThatNeverAnswersTimesOutInStream() {
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedUpstream upstream = new ScriptedUpstream(exchange -> release.await(10, TimeUnit.SECONDS))) {
            BedrockProvider provider = TestBedrock.provider(upstream.baseUri());
            long start = System.nanoTime();
            Timeout error = catchThrowableOfType(
                    Timeout.class,
                    () -> provider.stream(REQUEST, new CallOptions(Duration.ofMillis(300), Duration.ofSeconds(5))));
            long millis = (System.nanoTime() - start) / 1_000_000;
            release.countDown();
            TestBedrock.closeInBackground(provider);
            assertThat(error).isNotNull();
            assertThat(error.retriable()).isTrue();
            assertThat(millis).isLessThan(3_000);
        }
    }

    /** Closing the stream early cancels the SDK call: the server sees its connection go away. */
    @Test
    void closingTheStreamClosesTheConnection() throws Exception {
        CountDownLatch clientGone = new CountDownLatch(1);
        byte[] start = new EventStreamFrames()
                .event("messageStart", "{\"role\":\"assistant\"}")
                .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"tick\"}}")
                .bytes();
        byte[] tick = new EventStreamFrames()
                .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" tick\"}}")
                .bytes();
        try (ScriptedUpstream upstream = new ScriptedUpstream(exchange -> {
            exchange.getResponseHeaders().add("content-type", "application/vnd.amazon.eventstream");
            exchange.sendResponseHeaders(200, 0); // chunked: open-ended
            OutputStream out = exchange.getResponseBody();
            try {
                out.write(start);
                out.flush();
                for (int i = 0; i < 400; i++) {
                    Thread.sleep(25);
                    out.write(tick);
                    out.flush();
                }
            } catch (IOException gone) {
                clientGone.countDown();
            }
        })) {
            BedrockProvider provider = TestBedrock.provider(upstream.baseUri());
            ChatStream stream = provider.stream(REQUEST, OPTIONS);
            assertThat(stream.next()).isInstanceOf(StreamEvent.Started.class);
            assertThat(stream.next()).isEqualTo(new StreamEvent.TextDelta("tick"));
            stream.close();
            assertThat(stream.next()).as("a closed stream yields nothing more").isNull();
            assertThat(clientGone.await(5, TimeUnit.SECONDS))
                    .as("the upstream connection was closed")
                    .isTrue();
            TestBedrock.closeInBackground(provider);
        }
    }

    private static List<StreamEvent> drain(ChatStream stream) {
        List<StreamEvent> events = new ArrayList<>();
        try (stream) {
            drainInto(stream, events);
        }
        return events;
    }

    private static void drainInto(ChatStream stream, List<StreamEvent> events) {
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) events.add(e);
    }
}
