package dev.switchboard.emulator.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The protocol-neutral answer every front end renders in its own wire shape.
 *
 * @param id        unique, monotonically assigned id; front ends add their prefix (chatcmpl-, msg_, ...)
 * @param reasoning reasoning text shown before the answer, or null
 * @param text      answer text, or null for a tool call
 * @param toolCall  the tool call, or null for a text answer
 * @param finish    why generation stopped
 * @param usage     token accounting in neutral terms (see {@link Usage})
 */
public record Completion(String id, String reasoning, String text, ToolCall toolCall, Finish finish, Usage usage) {

    public enum Finish {
        STOP,
        LENGTH,
        TOOL_CALL
    }

    /**
     * @param id            call id without protocol prefix
     * @param arguments     the generated arguments
     * @param argumentsJson {@code arguments} serialized once, so every chunking of it agrees
     */
    public record ToolCall(String id, String name, JsonNode arguments, String argumentsJson) {}

    /**
     * Neutral counts; each front end maps them to its provider's conventions.
     *
     * @param inputTokens     all prompt tokens, cache reads included
     * @param cachedTokens    the part of {@code inputTokens} read from cache
     * @param outputTokens    visible answer tokens, reasoning excluded
     * @param reasoningTokens reasoning tokens (0 without reasoning)
     */
    public record Usage(int inputTokens, int cachedTokens, int outputTokens, int reasoningTokens) {

        public int uncachedInputTokens() {
            return inputTokens - cachedTokens;
        }

        /** Output as providers that bill reasoning as output report it (OpenAI, Anthropic, Bedrock). */
        public int outputWithReasoning() {
            return outputTokens + reasoningTokens;
        }

        public int totalTokens() {
            return inputTokens + outputTokens + reasoningTokens;
        }
    }

    public boolean isToolCall() {
        return toolCall != null;
    }

    /** A deterministic signature of this answer's reasoning; opaque like the real ones: clients pass it back unchanged. */
    public String reasoningSignature(String kind) {
        return Base64.getEncoder()
                .encodeToString(("switchboard-emulator-" + kind + ":" + id).getBytes(StandardCharsets.UTF_8));
    }
}
