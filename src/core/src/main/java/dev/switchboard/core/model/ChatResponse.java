package dev.switchboard.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A complete answer. {@code providerFinishReason} keeps the provider's own word (end_turn, MAX_TOKENS, ...)
 * beside the normalized one.
 */
public record ChatResponse(
        String id, String model, Message message, FinishReason finishReason, String providerFinishReason, Usage usage) {

    public ChatResponse {
        Objects.requireNonNull(message, "message");
        finishReason = finishReason == null ? FinishReason.UNKNOWN : finishReason;
        usage = usage == null ? Usage.NOT_REPORTED : usage;
    }

    /** Visible text, thinking excluded; null when there is none. */
    public String text() {
        return message.text();
    }

    public List<ContentPart.ToolCall> toolCalls() {
        return message.toolCalls();
    }

    /** Reasoning text concatenated; null when the model showed none. */
    public String reasoningText() {
        StringBuilder sb = null;
        for (ContentPart.Reasoning r : message.reasoning()) {
            if (r.text() == null) continue;
            if (sb == null) sb = new StringBuilder();
            sb.append(r.text());
        }
        return sb == null ? null : sb.toString();
    }

    public ChatResponse withModel(String newModel) {
        return new ChatResponse(id, newModel, message, finishReason, providerFinishReason, usage);
    }

    public ChatResponse withUsage(Usage newUsage) {
        return new ChatResponse(id, model, message, finishReason, providerFinishReason, newUsage);
    }
}
