package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.spi.PushChatStream;
import dev.switchboard.testing.StreamReplay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStart;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlockStart;

/** The codec and the SDK-callback bridge over hand-built event sequences, without HTTP. */
class BedrockStreamCodecTest {

    @Test
    void textReasoningAndToolCallsBecomeStreamEvents() {
        List<StreamEvent> out = run(List.of(
                messageStart(),
                delta(0, ContentBlockDelta.fromReasoningContent(ReasoningContentBlockDelta.fromText("Think"))),
                delta(0, ContentBlockDelta.fromReasoningContent(ReasoningContentBlockDelta.fromText(""))),
                delta(0, ContentBlockDelta.fromReasoningContent(ReasoningContentBlockDelta.fromSignature("sig=="))),
                stop(0),
                delta(1, ContentBlockDelta.fromText("Hello")),
                delta(1, ContentBlockDelta.fromText("")),
                stop(1),
                toolStart(2, "t-a", "first"),
                delta(
                        2,
                        ContentBlockDelta.fromToolUse(
                                ToolUseBlockDelta.builder().input("{\"x\":").build())),
                delta(
                        2,
                        ContentBlockDelta.fromToolUse(
                                ToolUseBlockDelta.builder().input("1}").build())),
                stop(2),
                toolStart(3, "t-b", "second"),
                stop(3),
                ConverseStreamOutput.messageStopBuilder().stopReason("tool_use").build(),
                metadata(TokenUsage.builder()
                        .inputTokens(7)
                        .outputTokens(9)
                        .totalTokens(16)
                        .build())));

        assertThat(out)
                .containsExactly(
                        new StreamEvent.ReasoningDelta("Think", null),
                        new StreamEvent.ReasoningDelta("", "sig=="),
                        new StreamEvent.TextDelta("Hello"),
                        new StreamEvent.ToolCallStarted(0, "t-a", "first"),
                        new StreamEvent.ToolCallDelta(0, "{\"x\":"),
                        new StreamEvent.ToolCallDelta(0, "1}"),
                        new StreamEvent.ToolCallStarted(1, "t-b", "second"),
                        new StreamEvent.Finished(FinishReason.TOOL_CALLS, "tool_use"),
                        new StreamEvent.UsageReported(new Usage(7L, 9L, null, null, null)));

        var response = StreamReplay.fold(out);
        assertThat(response.reasoningText()).isEqualTo("Think");
        assertThat(response.message().reasoning())
                .singleElement()
                .satisfies(r -> assertThat(r.signature()).isEqualTo("sig=="));
        assertThat(response.toolCalls()).extracting(c -> c.arguments()).containsExactly("{\"x\":1}", "{}");
    }

    @Test
    void unknownEventsAndStrayDeltasAreIgnored() {
        List<StreamEvent> out = run(List.of(
                messageStart(),
                ConverseStreamOutput.UNKNOWN,
                delta(
                        5,
                        ContentBlockDelta.fromToolUse(
                                ToolUseBlockDelta.builder().input("{}").build())),
                ConverseStreamOutput.contentBlockStartBuilder()
                        .contentBlockIndex(0)
                        .start(ContentBlockStart.builder().build())
                        .build(),
                ConverseStreamOutput.messageStopBuilder()
                        .stopReason("something_new")
                        .build()));
        assertThat(out).containsExactly(new StreamEvent.Finished(FinishReason.UNKNOWN, "something_new"));
    }

    @Test
    void finishReasonsAreNormalizedAndTheRawOneKept() {
        for (var pair : List.of(
                List.of("end_turn", FinishReason.STOP),
                List.of("stop_sequence", FinishReason.STOP),
                List.of("max_tokens", FinishReason.LENGTH),
                List.of("guardrail_intervened", FinishReason.CONTENT_FILTER),
                List.of("content_filtered", FinishReason.CONTENT_FILTER),
                List.of("malformed_tool_use", FinishReason.UNKNOWN))) {
            List<StreamEvent> out = run(List.of(
                    messageStart(),
                    ConverseStreamOutput.messageStopBuilder()
                            .stopReason((String) pair.get(0))
                            .build()));
            assertThat(out).containsExactly(new StreamEvent.Finished((FinishReason) pair.get(1), (String) pair.get(0)));
        }
    }

    @Test
    void endingWithoutMessageStopIsIncomplete() {
        BedrockStreamCodec codec = new BedrockStreamCodec("bedrock");
        codec.accept(messageStart(), e -> {});
        codec.accept(delta(0, ContentBlockDelta.fromText("Hal")), e -> {});
        assertThat(codec.phase()).isEqualTo(BedrockStreamCodec.Phase.IN_MESSAGE);
        assertThatThrownBy(codec::end).isInstanceOfSatisfying(UpstreamError.class, e -> {
            assertThat(e.code()).isEqualTo("stream_incomplete");
            assertThat(e.retriable()).isTrue();
        });
    }

    @Test
    void messageStopWithoutMetadataIsCompleteWithUsageNotReported() {
        BedrockStreamCodec codec = new BedrockStreamCodec("bedrock");
        codec.accept(messageStart(), e -> {});
        codec.accept(
                ConverseStreamOutput.messageStopBuilder().stopReason("end_turn").build(), e -> {});
        codec.end();
        assertThat(codec.phase()).isEqualTo(BedrockStreamCodec.Phase.MESSAGE_STOPPED);
    }

    /** The bridge: events, then an exception mid-stream; the consumer keeps what came before, then gets the error. */
    @Test
    void aMidStreamExceptionFailsTheStreamAfterItsEvents() {
        PushChatStream stream = new PushChatStream("bedrock", Duration.ofSeconds(2));
        BedrockStreamBridge bridge = new BedrockStreamBridge("bedrock", stream);
        bridge.responseReceived(ConverseStreamResponse.builder().build());
        bridge.awaitAccepted(Duration.ofSeconds(1));
        bridge.onEventStream(publisher(List.of(
                messageStart(),
                delta(0, ContentBlockDelta.fromText("Par")),
                metadata(TokenUsage.builder().inputTokens(3).build()))));
        bridge.exceptionOccurred(ThrottlingException.builder()
                .statusCode(429)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("throttlingException")
                        .errorMessage("slow down")
                        .build())
                .build());
        bridge.complete(); // the SDK may still signal completion; the failure stands

        List<StreamEvent> seen = new ArrayList<>();
        RateLimited error = catchThrowableOfType(RateLimited.class, () -> {
            for (StreamEvent e = stream.next(); e != null; e = stream.next()) seen.add(e);
        });
        assertThat(seen)
                .hasSize(3)
                .contains(
                        new StreamEvent.TextDelta("Par"),
                        new StreamEvent.UsageReported(new Usage(3L, null, null, null, null)));
        assertThat(error.getMessage()).isEqualTo("bedrock: slow down");
        assertThat(error.info().code()).isEqualTo("ThrottlingException");
    }

    @Test
    void anErrorBeforeAcceptanceFailsTheWaitNotTheStream() {
        PushChatStream stream = new PushChatStream("bedrock", Duration.ofMillis(100));
        BedrockStreamBridge bridge = new BedrockStreamBridge("bedrock", stream);
        bridge.exceptionOccurred(ModelStreamErrorException.builder()
                .statusCode(424)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ModelStreamErrorException")
                        .errorMessage("bad")
                        .build())
                .build());
        assertThatThrownBy(() -> bridge.awaitAccepted(Duration.ofSeconds(1))).isInstanceOf(UpstreamError.class);
    }

    @Test
    void aCutStreamKeepsItsEventsThenFails() {
        PushChatStream stream = new PushChatStream("bedrock", Duration.ofSeconds(2));
        BedrockStreamBridge bridge = new BedrockStreamBridge("bedrock", stream);
        bridge.responseReceived(ConverseStreamResponse.builder().build());
        bridge.onEventStream(publisher(List.of(messageStart(), delta(0, ContentBlockDelta.fromText("Half")))));
        bridge.complete();

        assertThat(stream.next()).isInstanceOf(StreamEvent.Started.class);
        assertThat(stream.next()).isEqualTo(new StreamEvent.TextDelta("Half"));
        assertThatThrownBy(stream::next)
                .isInstanceOfSatisfying(
                        UpstreamError.class, e -> assertThat(e.code()).isEqualTo("stream_incomplete"));
    }

    private static List<StreamEvent> run(List<ConverseStreamOutput> events) {
        BedrockStreamCodec codec = new BedrockStreamCodec("bedrock");
        List<StreamEvent> out = new ArrayList<>();
        events.forEach(e -> codec.accept(e, out::add));
        return out;
    }

    private static ConverseStreamOutput messageStart() {
        return ConverseStreamOutput.messageStartBuilder()
                .role(ConversationRole.ASSISTANT)
                .build();
    }

    private static ConverseStreamOutput delta(int index, ContentBlockDelta delta) {
        return ConverseStreamOutput.contentBlockDeltaBuilder()
                .contentBlockIndex(index)
                .delta(delta)
                .build();
    }

    private static ConverseStreamOutput stop(int index) {
        return ConverseStreamOutput.contentBlockStopBuilder()
                .contentBlockIndex(index)
                .build();
    }

    private static ConverseStreamOutput toolStart(int index, String id, String name) {
        return ConverseStreamOutput.contentBlockStartBuilder()
                .contentBlockIndex(index)
                .start(ContentBlockStart.fromToolUse(
                        ToolUseBlockStart.builder().toolUseId(id).name(name).build()))
                .build();
    }

    private static ConverseStreamOutput metadata(TokenUsage usage) {
        return ConverseStreamOutput.metadataBuilder().usage(usage).build();
    }

    /** Delivers the events on request, then completes. */
    private static SdkPublisher<ConverseStreamOutput> publisher(List<ConverseStreamOutput> events) {
        return SdkPublisher.adapt((Subscriber<? super ConverseStreamOutput> s) -> s.onSubscribe(new Subscription() {
            private int next;
            private boolean done;

            @Override
            public void request(long n) {
                for (long i = 0; i < n && next < events.size(); i++) s.onNext(events.get(next++));
                if (next == events.size() && !done) {
                    done = true;
                    s.onComplete();
                }
            }

            @Override
            public void cancel() {
                done = true;
            }
        }));
    }
}
