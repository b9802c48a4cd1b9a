package dev.switchboard.core.frontend.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.FrameWriter;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Stream events → OpenAI chat.completion.chunk SSE frames. State: whether the role chunk went out, the tool-call
 * ids handed out, the usage so far. The usage chunk (empty choices) is written at the end when the caller asked
 * for it, then {@code data: [DONE]}.
 */
public final class OpenAiChunkWriter implements FrameWriter {
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final String id;
    private final String model;
    private final long created;
    private final boolean includeUsage;
    private boolean roleSent;
    private Usage usage = Usage.NOT_REPORTED;

    public OpenAiChunkWriter(String id, String model, long created, boolean includeUsage) {
        this.id = id;
        this.model = model;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    /** The SSE frame(s) for one event; empty when the event produces no chunk (usage is held for the end). */
    @Override
    public byte[] write(StreamEvent event) {
        StringBuilder out = new StringBuilder();
        if (!roleSent && !(event instanceof StreamEvent.UsageReported)) {
            roleSent = true;
            ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
            frame(out, chunk(delta, null));
        }
        switch (event) {
            case StreamEvent.Started s -> {
                /* the role chunk above is the start */
            }
            case StreamEvent.TextDelta t -> frame(out, chunk(Json.object().put("content", t.text()), null));
            case StreamEvent.ReasoningDelta r -> {
                if (r.text() != null && !r.text().isEmpty()) {
                    frame(out, chunk(Json.object().put("reasoning_content", r.text()), null));
                }
            }
            case StreamEvent.ToolCallStarted s -> {
                String callId = s.id() != null ? s.id() : OpenAiResponseWriter.newToolCallId();
                ObjectNode delta = Json.object();
                ObjectNode call = delta.putArray("tool_calls").addObject();
                call.put("index", s.index()).put("id", callId).put("type", "function");
                call.putObject("function").put("name", s.name()).put("arguments", "");
                frame(out, chunk(delta, null));
            }
            case StreamEvent.ToolCallDelta d -> {
                ObjectNode delta = Json.object();
                ObjectNode call = delta.putArray("tool_calls").addObject();
                call.put("index", d.index());
                call.putObject("function").put("arguments", d.argumentsDelta());
                frame(out, chunk(delta, null));
            }
            case StreamEvent.Finished f -> {
                ObjectNode c = chunk(Json.object(), f.reason().openAiValue());
                if (f.providerReason() != null) {
                    ((ObjectNode) c.get("choices").get(0)).put("provider_finish_reason", f.providerReason());
                }
                frame(out, c);
            }
            case StreamEvent.UsageReported u -> usage = usage.overlay(u.usage());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The closing frames: the usage chunk (if asked for and known) and [DONE]. */
    @Override
    public byte[] end(BigDecimal costUsd) {
        StringBuilder out = new StringBuilder();
        if (includeUsage) {
            ObjectNode c = base();
            c.putArray("choices");
            ObjectNode u = OpenAiResponseWriter.usage(usage, costUsd);
            if (u != null) c.set("usage", u);
            else c.putNull("usage");
            frame(out, c);
        }
        byte[] head = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + DONE.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(DONE, 0, all, head.length, DONE.length);
        return all;
    }

    @Override
    public byte[] failure(SwitchboardException e) {
        return error(e);
    }

    /** An error after the stream started: an error object frame; the stream ends after it (no [DONE]). */
    public static byte[] error(SwitchboardException e) {
        StringBuilder out = new StringBuilder();
        frame(out, OpenAiResponseWriter.error(e));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public Usage usage() {
        return usage;
    }

    private ObjectNode base() {
        ObjectNode c = Json.object();
        c.put("id", id);
        c.put("object", "chat.completion.chunk");
        c.put("created", created);
        c.put("model", model);
        return c;
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode c = base();
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason != null) choice.put("finish_reason", finishReason);
        else choice.putNull("finish_reason");
        return c;
    }

    private static void frame(StringBuilder out, ObjectNode json) {
        out.append("data: ").append(Json.write(json)).append("\n\n");
    }
}
