package dev.switchboard.core.frontend.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.FrameWriter;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Stream events → Anthropic Messages SSE frames ({@code event: X\ndata: {...}\n\n}). State: whether message_start
 * went out, the open content block (what it carries, its index, whether a signature closed it), the block index of
 * each tool call, the finish reason and the usage so far.
 *
 * <p>message_start is held back until the first content (or the end) so that it carries the input usage, which
 * providers report just after they start. One block is open at a time, as Anthropic streams them; a new kind of
 * content closes the open block. message_delta (stop reason, usage) and message_stop are written by {@link #end}.
 */
public final class AnthropicEventWriter implements FrameWriter {

    private enum Open {
        NONE,
        TEXT,
        THINKING,
        TOOL
    }

    private final String id;
    private final String model;
    private boolean started;
    private Open open = Open.NONE;
    private int openIndex = -1;
    private boolean openThinkingSigned;
    private int nextIndex;
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private FinishReason finishReason;
    private String providerFinishReason;
    private Usage usage = Usage.NOT_REPORTED;

    public AnthropicEventWriter(String id, String model) {
        this.id = id;
        this.model = model;
    }

    /** The SSE frames for one event; empty when the event only updates state (usage, finish, start). */
    @Override
    public byte[] write(StreamEvent event) {
        StringBuilder out = new StringBuilder();
        switch (event) {
            case StreamEvent.Started s -> {
                /* written with the first content, once usage is known */
            }
            case StreamEvent.UsageReported u -> usage = usage.overlay(u.usage());
            case StreamEvent.Finished f -> {
                finishReason = f.reason();
                providerFinishReason = f.providerReason();
            }
            case StreamEvent.TextDelta t -> {
                if (t.text().isEmpty()) break;
                ensureOpen(out, Open.TEXT);
                delta(out, Json.object().put("type", "text_delta").put("text", t.text()));
            }
            case StreamEvent.ReasoningDelta r -> reasoning(out, r);
            case StreamEvent.ToolCallStarted s -> {
                start(out);
                close(out);
                int index = nextIndex++;
                toolBlocks.put(s.index(), index);
                ObjectNode block = Json.object()
                        .put("type", "tool_use")
                        .put("id", s.id() != null ? s.id() : AnthropicResponseWriter.newToolUseId())
                        .put("name", s.name());
                block.putObject("input");
                blockStart(out, index, block);
                open = Open.TOOL;
                openIndex = index;
            }
            case StreamEvent.ToolCallDelta d -> {
                Integer index = toolBlocks.get(d.index());
                if (index == null || d.argumentsDelta().isEmpty()) break;
                // A delta for a call whose block was closed (a provider interleaving calls) still goes to that
                // block's index: SDK accumulators apply deltas by index, so the arguments arrive whole.
                frame(
                        out,
                        "content_block_delta",
                        Json.object()
                                .put("type", "content_block_delta")
                                .put("index", index)
                                .set(
                                        "delta",
                                        Json.object()
                                                .put("type", "input_json_delta")
                                                .put("partial_json", d.argumentsDelta())));
            }
        }
        return bytes(out);
    }

    /** The closing frames: the open block's stop, message_delta (stop reason and usage) and message_stop. */
    @Override
    public byte[] end(BigDecimal costUsd) {
        StringBuilder out = new StringBuilder();
        start(out);
        close(out);
        ObjectNode data = Json.object().put("type", "message_delta");
        data.putObject("delta")
                .put("stop_reason", AnthropicResponseWriter.stopReason(finishReason, providerFinishReason))
                .putNull("stop_sequence");
        data.set("usage", AnthropicResponseWriter.usage(usage, costUsd));
        frame(out, "message_delta", data);
        frame(out, "message_stop", Json.object().put("type", "message_stop"));
        return bytes(out);
    }

    /** An error after the stream started, as Anthropic sends it; the stream ends after it. */
    @Override
    public byte[] failure(SwitchboardException e) {
        return error(e);
    }

    public static byte[] error(SwitchboardException e) {
        StringBuilder out = new StringBuilder();
        frame(out, "error", AnthropicResponseWriter.error(e));
        return bytes(out);
    }

    public Usage usage() {
        return usage;
    }

    /** Thinking text streams into a thinking block; a signature closes it, so text after one opens a new block. */
    private void reasoning(StringBuilder out, StreamEvent.ReasoningDelta r) {
        boolean hasText = r.text() != null && !r.text().isEmpty();
        if (hasText) {
            if (open == Open.THINKING && openThinkingSigned) close(out);
            ensureOpen(out, Open.THINKING);
            delta(out, Json.object().put("type", "thinking_delta").put("thinking", r.text()));
        }
        if (r.signature() != null) {
            ensureOpen(out, Open.THINKING);
            delta(out, Json.object().put("type", "signature_delta").put("signature", r.signature()));
            openThinkingSigned = true;
        }
    }

    /** Opens a text or thinking block unless one of that kind is open. */
    private void ensureOpen(StringBuilder out, Open kind) {
        start(out);
        if (open == kind) return;
        close(out);
        int index = nextIndex++;
        ObjectNode block = switch (kind) {
            case TEXT -> Json.object().put("type", "text").put("text", "");
            case THINKING ->
                Json.object().put("type", "thinking").put("thinking", "").put("signature", "");
            default -> throw new IllegalStateException("tool blocks are opened by ToolCallStarted");
        };
        blockStart(out, index, block);
        open = kind;
        openIndex = index;
        openThinkingSigned = false;
    }

    private void start(StringBuilder out) {
        if (started) return;
        started = true;
        ObjectNode message = Json.object();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", AnthropicResponseWriter.usage(usage, null));
        ObjectNode data = Json.object().put("type", "message_start");
        data.set("message", message);
        frame(out, "message_start", data);
    }

    private void close(StringBuilder out) {
        if (open == Open.NONE) return;
        frame(
                out,
                "content_block_stop",
                Json.object().put("type", "content_block_stop").put("index", openIndex));
        open = Open.NONE;
        openIndex = -1;
    }

    private void blockStart(StringBuilder out, int index, ObjectNode block) {
        ObjectNode data = Json.object().put("type", "content_block_start").put("index", index);
        data.set("content_block", block);
        frame(out, "content_block_start", data);
    }

    private void delta(StringBuilder out, ObjectNode delta) {
        ObjectNode data = Json.object().put("type", "content_block_delta").put("index", openIndex);
        data.set("delta", delta);
        frame(out, "content_block_delta", data);
    }

    private static void frame(StringBuilder out, String event, ObjectNode data) {
        out.append("event: ")
                .append(event)
                .append('\n')
                .append("data: ")
                .append(Json.write(data))
                .append("\n\n");
    }

    private static byte[] bytes(StringBuilder out) {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
