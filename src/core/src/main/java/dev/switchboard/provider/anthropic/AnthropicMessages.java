package dev.switchboard.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical messages → Anthropic's top-level {@code system} and its user/assistant messages of content blocks.
 * Errors name the canonical message ({@code messages[2].content}), which is what the caller sent.
 */
final class AnthropicMessages {
    private static final JsonNode EPHEMERAL = Json.object().put("type", "ephemeral");

    private AnthropicMessages() {}

    /**
     * System and developer messages, wherever they stand, become the top-level system: a string when it is one
     * plain text, else text blocks (a cache breakpoint needs a block to sit on). Null when there are none.
     */
    static JsonNode system(List<Message> messages) {
        List<ContentPart.Text> parts = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (!m.role().isInstruction()) continue;
            for (ContentPart p : m.content()) {
                if (!(p instanceof ContentPart.Text t)) {
                    throw InvalidRequest.forParam(
                            "messages[" + i + "].content", "Anthropic accepts only text in system instructions.");
                }
                parts.add(t);
            }
        }
        if (parts.isEmpty()) return null;
        if (parts.size() == 1 && cacheControl(parts.get(0)) == null)
            return Json.NODES.textNode(parts.get(0).text());
        ArrayNode blocks = Json.array();
        parts.forEach(t -> blocks.add(textBlock(t)));
        return blocks;
    }

    static ArrayNode messages(List<Message> messages) {
        ArrayNode out = Json.array();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            String path = "messages[" + i + "]";
            switch (m.role()) {
                case SYSTEM, DEVELOPER -> {
                    /* hoisted into system */
                }
                case USER, TOOL -> append(out, "user", userBlocks(m, path));
                case ASSISTANT -> append(out, "assistant", assistantBlocks(m, path));
            }
        }
        return out;
    }

    /**
     * Adds a message; tool results that follow a message made only of tool results join it, because Anthropic
     * wants all answers to one assistant turn in one user message (OpenAI sends one "tool" message per answer).
     */
    private static void append(ArrayNode out, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) return; // Anthropic rejects a message without content
        if (!out.isEmpty() && onlyToolResults(blocks)) {
            JsonNode last = out.get(out.size() - 1);
            if (role.equals(last.path("role").asText()) && onlyToolResults(last.get("content"))) {
                ((ArrayNode) last.get("content")).addAll(blocks);
                return;
            }
        }
        ObjectNode message = out.addObject();
        message.put("role", role);
        message.set("content", blocks);
    }

    private static boolean onlyToolResults(JsonNode blocks) {
        for (JsonNode b : blocks) {
            if (!"tool_result".equals(b.path("type").asText())) return false;
        }
        return !blocks.isEmpty();
    }

    private static ArrayNode userBlocks(Message m, String path) {
        ArrayNode blocks = Json.array();
        for (ContentPart p : m.content()) {
            switch (p) {
                case ContentPart.Text t -> {
                    // Anthropic rejects empty text blocks; an empty text adds nothing to the prompt.
                    if (!t.text().isEmpty()) blocks.add(textBlock(t));
                }
                case ContentPart.Image img -> blocks.add(imageBlock(img));
                case ContentPart.ToolResult r -> blocks.add(toolResultBlock(r, path));
                case ContentPart.ToolCall c ->
                    throw InvalidRequest.forParam(path + ".content", "Only assistant messages can carry tool calls.");
                case ContentPart.Reasoning r ->
                    throw InvalidRequest.forParam(path + ".content", "Only assistant messages can carry reasoning.");
            }
        }
        return blocks;
    }

    private static ArrayNode assistantBlocks(Message m, String path) {
        ArrayNode blocks = Json.array();
        for (ContentPart p : m.content()) {
            switch (p) {
                case ContentPart.Reasoning r -> {
                    ObjectNode block = reasoningBlock(r);
                    if (block != null) blocks.add(block);
                }
                case ContentPart.Text t -> {
                    if (!t.text().isEmpty()) blocks.add(textBlock(t));
                }
                case ContentPart.ToolCall c -> blocks.add(toolUseBlock(c, path));
                case ContentPart.Image img ->
                    throw InvalidRequest.forParam(path + ".content", "Anthropic accepts images only in user messages.");
                case ContentPart.ToolResult r ->
                    throw InvalidRequest.forParam(
                            path + ".content",
                            "Tool results belong in a user or tool message, not an assistant message.");
            }
        }
        return blocks;
    }

    static ObjectNode textBlock(ContentPart.Text t) {
        ObjectNode block = Json.object().put("type", "text").put("text", t.text());
        JsonNode cache = cacheControl(t);
        if (cache != null) block.set("cache_control", cache);
        return block;
    }

    /**
     * The block's cache breakpoint: Anthropic's own cache_control as given, or OpenAI's explicit
     * prompt_cache_breakpoint translated to the default (5-minute) ephemeral breakpoint. Other hints are ignored:
     * they change cost, never the answer.
     */
    static JsonNode cacheControl(ContentPart.Text t) {
        JsonNode own = t.extensions().get("cache_control");
        if (own != null && !own.isNull()) return own;
        JsonNode breakpoint = t.extensions().get("prompt_cache_breakpoint");
        if (breakpoint != null && !breakpoint.isNull() && !(breakpoint.isBoolean() && !breakpoint.asBoolean())) {
            return EPHEMERAL;
        }
        return null;
    }

    private static ObjectNode imageBlock(ContentPart.Image img) {
        ObjectNode block = Json.object().put("type", "image");
        ObjectNode source = block.putObject("source");
        switch (img.source()) {
            case ContentPart.ImageSource.Inline i ->
                source.put("type", "base64").put("media_type", i.mediaType()).put("data", i.base64());
            case ContentPart.ImageSource.Url u -> source.put("type", "url").put("url", u.url());
        }
        return block;
    }

    private static ObjectNode toolResultBlock(ContentPart.ToolResult r, String path) {
        if (r.toolCallId() == null) {
            throw InvalidRequest.forParam(
                    path + ".tool_call_id", "Anthropic needs the id of the tool call each result answers.");
        }
        ObjectNode block = Json.object().put("type", "tool_result").put("tool_use_id", r.toolCallId());
        block.put("content", r.content());
        block.put("is_error", r.isError());
        return block;
    }

    private static ObjectNode toolUseBlock(ContentPart.ToolCall c, String path) {
        if (c.id() == null) {
            throw InvalidRequest.forParam(path + ".tool_calls", "Anthropic needs an id on every tool call.");
        }
        JsonNode input = Json.parseArguments(c.arguments());
        if (!input.isObject()) {
            throw InvalidRequest.forParam(
                    path + ".tool_calls",
                    "The arguments of tool call '" + c.id() + "' are not a JSON object; Anthropic needs one.");
        }
        ObjectNode block =
                Json.object().put("type", "tool_use").put("id", c.id()).put("name", c.name());
        block.set("input", input);
        return block;
    }

    /**
     * Thinking goes back only as Anthropic issued it: signed thinking or redacted data. Unsigned reasoning (from
     * another provider, or shown to a client without its signature) is left out, since Anthropic rejects it.
     */
    private static ObjectNode reasoningBlock(ContentPart.Reasoning r) {
        if (r.redactedData() != null && !r.redactedData().isEmpty()) {
            return Json.object().put("type", "redacted_thinking").put("data", r.redactedData());
        }
        if (r.signature() == null || r.signature().isEmpty()) return null;
        return Json.object()
                .put("type", "thinking")
                .put("thinking", r.text() == null ? "" : r.text())
                .put("signature", r.signature());
    }
}
