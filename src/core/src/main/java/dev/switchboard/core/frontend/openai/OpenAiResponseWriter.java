package dev.switchboard.core.frontend.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.util.UUID;

/** Canonical answers and errors → OpenAI Chat Completions JSON. */
public final class OpenAiResponseWriter {
    private OpenAiResponseWriter() {}

    /**
     * A chat.completion object. {@code model} is what the caller should see (provider-prefixed);
     * {@code costUsd} is added to usage as {@code cost_usd} when known.
     */
    public static ObjectNode completion(ChatResponse r, String id, String model, long created, BigDecimal costUsd) {
        ObjectNode root = Json.object();
        root.put("id", id);
        root.put("object", "chat.completion");
        root.put("created", created);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        String text = r.text();
        if (text != null) message.put("content", text);
        else message.putNull("content");
        message.putNull("refusal");
        String reasoning = r.reasoningText();
        if (reasoning != null) message.put("reasoning_content", reasoning);
        if (!r.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ContentPart.ToolCall c : r.toolCalls()) {
                ObjectNode call = calls.addObject();
                call.put("id", c.id() != null ? c.id() : newToolCallId());
                call.put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", r.finishReason().openAiValue());
        if (r.providerFinishReason() != null) choice.put("provider_finish_reason", r.providerFinishReason());
        ObjectNode usage = usage(r.usage(), costUsd);
        if (usage != null) root.set("usage", usage);
        return root;
    }

    /**
     * {@link #completion} as the bytes {@code Json.bytes} writes for it, streamed without the tree: the non-streamed
     * answer of every Chat Completions call (OpenAiResponseWriterTest holds the two to the same bytes).
     */
    public static byte[] completionBytes(ChatResponse r, String id, String model, long created, BigDecimal costUsd) {
        return Json.stream(g -> {
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
            if (r.providerFinishReason() != null)
                g.writeStringField("provider_finish_reason", r.providerFinishReason());
            g.writeEndObject();
            g.writeEndArray();
            Usage u = r.usage();
            if (u != null && u.reported()) {
                g.writeObjectFieldStart("usage");
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
            g.writeEndObject();
        });
    }

    /** OpenAI's usage object; null when the provider reported nothing. Unreported detail fields are left out. */
    public static ObjectNode usage(Usage u, BigDecimal costUsd) {
        if (u == null || !u.reported()) return null;
        ObjectNode node = Json.object();
        if (u.inputTokens() != null) node.put("prompt_tokens", u.inputTokens());
        if (u.outputTokens() != null) node.put("completion_tokens", u.outputTokens());
        if (u.totalTokens() != null) node.put("total_tokens", u.totalTokens());
        if (u.cacheReadTokens() != null || u.cacheWriteTokens() != null) {
            ObjectNode details = node.putObject("prompt_tokens_details");
            if (u.cacheReadTokens() != null) details.put("cached_tokens", u.cacheReadTokens());
            if (u.cacheWriteTokens() != null) details.put("cache_write_tokens", u.cacheWriteTokens());
        }
        if (u.reasoningTokens() != null) {
            node.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        }
        if (costUsd != null) node.put("cost_usd", costUsd);
        return node;
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
