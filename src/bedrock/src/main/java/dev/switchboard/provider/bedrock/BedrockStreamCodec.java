package dev.switchboard.provider.bedrock;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.StreamEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlockStart;

/**
 * ConverseStream events (already decoded from AWS event-stream frames by the SDK) → stream events.
 *
 * <p>State: where the message is ({@link Phase}), and for each open content block what it carries — Converse numbers
 * blocks per message (text, reasoning and tool use share one index space) while stream events number tool calls
 * 0, 1, 2... Events the SDK does not know (a newer API) and block kinds this gateway does not map (citations,
 * images, server-side tool results) are ignored. Exception events never reach the codec: the SDK turns them into
 * exceptions, which {@link BedrockStreamBridge} maps.
 */
final class BedrockStreamCodec {

    enum Phase {
        /** Nothing yet. */
        AWAITING_MESSAGE,
        /** messageStart seen; content blocks flowing. */
        IN_MESSAGE,
        /** messageStop seen: the answer is complete; only metadata (usage) may follow. */
        MESSAGE_STOPPED
    }

    /** What an open content block carries. */
    private sealed interface Block {
        record Text() implements Block {}

        record Reasoning() implements Block {}

        record ToolUse(int toolIndex) implements Block {}
    }

    private final String provider;
    private Phase phase = Phase.AWAITING_MESSAGE;
    private final Map<Integer, Block> blocks = new HashMap<>();
    private int toolCalls;

    BedrockStreamCodec(String provider) {
        this.provider = provider;
    }

    Phase phase() {
        return phase;
    }

    void accept(ConverseStreamOutput event, Consumer<StreamEvent> out) {
        switch (event) {
            case MessageStartEvent e -> phase = Phase.IN_MESSAGE;
            case ContentBlockStartEvent e -> start(e, out);
            case ContentBlockDeltaEvent e -> delta(e, out);
            case ContentBlockStopEvent e -> blocks.remove(index(e.contentBlockIndex()));
            case MessageStopEvent e -> {
                phase = Phase.MESSAGE_STOPPED;
                String raw = e.stopReasonAsString();
                out.accept(new StreamEvent.Finished(BedrockResponseMapping.finishReason(raw), raw));
            }
            case ConverseStreamMetadataEvent e -> {
                if (e.usage() != null)
                    out.accept(new StreamEvent.UsageReported(BedrockResponseMapping.usage(e.usage())));
            }
            default -> {
                /* an event type newer than this SDK: ignored */
            }
        }
    }

    private void start(ContentBlockStartEvent e, Consumer<StreamEvent> out) {
        ToolUseBlockStart tool = e.start() == null ? null : e.start().toolUse();
        if (tool == null) return;
        int index = toolCalls++;
        blocks.put(index(e.contentBlockIndex()), new Block.ToolUse(index));
        out.accept(new StreamEvent.ToolCallStarted(index, tool.toolUseId(), tool.name() == null ? "" : tool.name()));
    }

    private void delta(ContentBlockDeltaEvent e, Consumer<StreamEvent> out) {
        ContentBlockDelta d = e.delta();
        if (d == null) return;
        int block = index(e.contentBlockIndex());
        if (d.text() != null) {
            blocks.putIfAbsent(block, new Block.Text());
            if (!d.text().isEmpty()) out.accept(new StreamEvent.TextDelta(d.text()));
        } else if (d.toolUse() != null) {
            // Input JSON arrives in pieces; a delta for a block that never started has no call to belong to.
            if (blocks.get(block) instanceof Block.ToolUse t
                    && d.toolUse().input() != null
                    && !d.toolUse().input().isEmpty()) {
                out.accept(
                        new StreamEvent.ToolCallDelta(t.toolIndex(), d.toolUse().input()));
            }
        } else if (d.reasoningContent() != null) {
            blocks.putIfAbsent(block, new Block.Reasoning());
            reasoning(d.reasoningContent(), out);
        }
    }

    /**
     * Reasoning text and the signature that closes it arrive as separate deltas. Redacted reasoning is not
     * streamed on: stream events have no slot for it.
     */
    private static void reasoning(ReasoningContentBlockDelta r, Consumer<StreamEvent> out) {
        if (r.text() != null && !r.text().isEmpty()) out.accept(new StreamEvent.ReasoningDelta(r.text(), null));
        if (r.signature() != null) out.accept(new StreamEvent.ReasoningDelta("", r.signature()));
    }

    /**
     * The upstream closed the stream. Without messageStop the answer is incomplete, whatever arrived before it:
     * that fails the stream (retriable), and the events already emitted — text, usage — stay with the caller.
     */
    void end() {
        if (phase != Phase.MESSAGE_STOPPED) {
            throw new UpstreamError(
                    ErrorInfo.of(provider + ": the stream ended before the answer was complete")
                            .withProvider(provider)
                            .withCode("stream_incomplete"),
                    true);
        }
    }

    private static int index(Integer contentBlockIndex) {
        return contentBlockIndex == null ? 0 : contentBlockIndex;
    }
}
