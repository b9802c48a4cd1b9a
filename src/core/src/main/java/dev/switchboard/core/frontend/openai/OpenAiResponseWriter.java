package dev.switchboard.core.frontend.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.UUID;

/** Canonical answers and errors → OpenAI Chat Completions JSON. */
public final class OpenAiResponseWriter {
    private OpenAiResponseWriter() {}

    /**
     * A chat.completion object. {@code model} is what the caller should see (provider-prefixed);
     * {@code costUsd} is added to usage as {@code cost_usd} when known. The tree of {@link #writeCompletion}.
     */
    public static ObjectNode completion(ChatResponse r, String id, String model, long created, BigDecimal costUsd) {
        return (ObjectNode) Json.tree(g -> writeCompletion(g, r, id, model, created, costUsd));
    }

    /**
     * {@link #completion} as bytes, streamed without the tree: the non-streamed answer of every Chat Completions call.
     */
    public static byte[] completionBytes(ChatResponse r, String id, String model, long created, BigDecimal costUsd) {
        return Json.stream(g -> writeCompletion(g, r, id, model, created, costUsd));
    }

    /** The chat.completion object, written once for both its forms (tree and bytes). */
    private static void writeCompletion(
            JsonGenerator g, ChatResponse r, String id, String model, long created, BigDecimal costUsd)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("object", "chat.completion");
        g.writeNumberField("created", created);
        g.writeStringField("model", model);
        g.writeArrayFieldStart("choices");
        g.writeStartObject();
        g.writeNumberField("index", 0);
        g.writeObjectFieldStart("message");
        g.writeStringField("role", "assistant");
        g.writeStringField("content", r.text());
        g.writeNullField("refusal");
        String reasoning = r.reasoningText();
        if (reasoning != null) g.writeStringField("reasoning_content", reasoning);
        if (!r.toolCalls().isEmpty()) {
            g.writeArrayFieldStart("tool_calls");
            for (ContentPart.ToolCall c : r.toolCalls()) {
                g.writeStartObject();
                g.writeStringField("id", c.id() != null ? c.id() : newToolCallId());
                g.writeStringField("type", "function");
                g.writeObjectFieldStart("function");
                g.writeStringField("name", c.name());
                g.writeStringField("arguments", c.arguments());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeNullField("logprobs");
        g.writeStringField("finish_reason", r.finishReason().openAiValue());
        if (r.providerFinishReason() != null) g.writeStringField("provider_finish_reason", r.providerFinishReason());
        g.writeEndObject();
        g.writeEndArray();
        if (reported(r.usage())) {
            g.writeFieldName("usage");
            writeUsage(g, r.usage(), costUsd);
        }
        g.writeEndObject();
    }

    /** OpenAI's usage object; null when the provider reported nothing. Unreported detail fields are left out. */
    public static ObjectNode usage(Usage u, BigDecimal costUsd) {
        if (!reported(u)) return null;
        return (ObjectNode) Json.tree(g -> writeUsage(g, u, costUsd));
    }

    private static boolean reported(Usage u) {
        return u != null && u.reported();
    }

    private static void writeUsage(JsonGenerator g, Usage u, BigDecimal costUsd) throws IOException {
        g.writeStartObject();
        if (u.inputTokens() != null) g.writeNumberField("prompt_tokens", u.inputTokens());
        if (u.outputTokens() != null) g.writeNumberField("completion_tokens", u.outputTokens());
        if (u.totalTokens() != null) g.writeNumberField("total_tokens", u.totalTokens());
        if (u.cacheReadTokens() != null || u.cacheWriteTokens() != null) {
            g.writeObjectFieldStart("prompt_tokens_details");
            if (u.cacheReadTokens() != null) g.writeNumberField("cached_tokens", u.cacheReadTokens());
            if (u.cacheWriteTokens() != null) g.writeNumberField("cache_write_tokens", u.cacheWriteTokens());
            g.writeEndObject();
        }
        if (u.reasoningTokens() != null) {
            g.writeObjectFieldStart("completion_tokens_details");
            g.writeNumberField("reasoning_tokens", u.reasoningTokens());
            g.writeEndObject();
        }
        if (costUsd != null) g.writeNumberField("cost_usd", costUsd);
        g.writeEndObject();
    }

    /** {"error":{"message","type","param","code"}}. */
    public static ObjectNode error(SwitchboardException e) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("message", e.getMessage());
        error.put("type", e.openAiType());
        if (e.param() != null) error.put("param", e.param());
        else error.putNull("param");
        if (e.code() != null) error.put("code", e.code());
        else error.putNull("code");
        return root;
    }

    public static String newToolCallId() {
        return "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
