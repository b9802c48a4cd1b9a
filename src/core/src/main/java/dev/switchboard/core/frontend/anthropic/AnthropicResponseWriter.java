package dev.switchboard.core.frontend.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;

/** Canonical answers and errors → Anthropic Messages API JSON. */
public final class AnthropicResponseWriter {

    /** Anthropic's stop reasons: a provider reason in this set (Anthropic's, or Bedrock's same words) is kept. */
    static final Set<String> STOP_REASONS = Set.of(
            "end_turn",
            "max_tokens",
            "stop_sequence",
            "tool_use",
            "pause_turn",
            "refusal",
            "model_context_window_exceeded");

    private AnthropicResponseWriter() {}

    /**
     * A {@code message} object. {@code model} is what the caller should see; {@code costUsd} is added to usage as
     * {@code cost_usd} when known. {@code stop_sequence} is null: the canonical answer does not keep which one hit.
     */
    public static ObjectNode message(ChatResponse r, String id, String model, BigDecimal costUsd) {
        ObjectNode root = Json.object();
        root.put("id", id);
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", model);
        ArrayNode content = root.putArray("content");
        for (ContentPart p : r.message().content()) {
            switch (p) {
                case ContentPart.Reasoning t -> content.add(reasoningBlock(t));
                case ContentPart.Text t ->
                    content.addObject().put("type", "text").put("text", t.text());
                case ContentPart.ToolCall c -> {
                    ObjectNode block = content.addObject()
                            .put("type", "tool_use")
                            .put("id", c.id() != null ? c.id() : newToolUseId())
                            .put("name", c.name());
                    block.set("input", Json.parseArguments(c.arguments()));
                }
                default -> {
                    /* images and tool results never appear in an answer */
                }
            }
        }
        root.put("stop_reason", stopReason(r.finishReason(), r.providerFinishReason()));
        root.putNull("stop_sequence");
        root.set("usage", usage(r.usage(), costUsd));
        return root;
    }

    /**
     * Signed thinking, or redacted data. Reasoning from a provider that signs nothing gets an empty signature:
     * Anthropic SDKs expect the field, and the Anthropic adapter leaves unsigned thinking out if it comes back.
     */
    static ObjectNode reasoningBlock(ContentPart.Reasoning r) {
        if (r.redactedData() != null)
            return Json.object().put("type", "redacted_thinking").put("data", r.redactedData());
        return Json.object()
                .put("type", "thinking")
                .put("thinking", r.text() == null ? "" : r.text())
                .put("signature", r.signature() == null ? "" : r.signature());
    }

    /** The provider's own reason when it is one of Anthropic's words; else the normalized reason in Anthropic's words. */
    public static String stopReason(FinishReason reason, String providerReason) {
        if (providerReason != null && STOP_REASONS.contains(providerReason)) return providerReason;
        return switch (reason == null ? FinishReason.UNKNOWN : reason) {
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
            case STOP, UNKNOWN -> "end_turn";
        };
    }

    /**
     * Usage in Anthropic's terms: input_tokens excludes cache reads and writes, which have their own fields.
     * input_tokens and output_tokens are integers in Anthropic's schema, so an unreported count is written as 0;
     * unreported cache counts are null, as Anthropic's schema allows.
     */
    public static ObjectNode usage(Usage u, BigDecimal costUsd) {
        ObjectNode node = Json.object();
        Long uncached = u.uncachedInputTokens();
        node.put("input_tokens", uncached == null ? 0 : uncached);
        putOrNull(node, "cache_creation_input_tokens", u.cacheWriteTokens());
        putOrNull(node, "cache_read_input_tokens", u.cacheReadTokens());
        if (u.cacheWrite1hTokens() != null && u.cacheWriteTokens() != null) {
            ObjectNode creation = node.putObject("cache_creation");
            creation.put("ephemeral_1h_input_tokens", u.cacheWrite1hTokens());
            creation.put("ephemeral_5m_input_tokens", Math.max(0, u.cacheWriteTokens() - u.cacheWrite1hTokens()));
        }
        node.put("output_tokens", u.outputTokens() == null ? 0 : u.outputTokens());
        if (costUsd != null) node.put("cost_usd", costUsd);
        return node;
    }

    /** {"type":"error","error":{"type","message"}}. */
    public static ObjectNode error(SwitchboardException e) {
        ObjectNode root = Json.object();
        root.put("type", "error");
        root.putObject("error").put("type", errorType(e)).put("message", e.getMessage());
        return root;
    }

    /**
     * Anthropic's error type for the status the gateway answers with. 504 is Anthropic's timeout_error; an upstream
     * that rejected the gateway's own key is a 502 (the caller's key is fine), hence api_error.
     */
    public static String errorType(SwitchboardException e) {
        int status = e.httpStatus();
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            case 504 -> "timeout_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    public static String newMessageId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    public static String newToolUseId() {
        return "toolu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static void putOrNull(ObjectNode node, String field, Long value) {
        if (value != null) node.put(field, value);
        else node.putNull(field);
    }
}
