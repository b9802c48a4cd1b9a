package dev.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * generateContent answer (REST JSON, or a Vertex proto printed as JSON) → canonical response. Stateless; the
 * stream codec uses the same pieces chunk by chunk.
 *
 * <p>Only the first candidate is read. Thought parts become reasoning; a thoughtSignature on a text part is kept
 * on the reasoning before it (so a caller that returns the message sends it back), one on a functionCall part
 * travels in the tool-call id (see {@link GeminiToolCallIds}).
 */
public final class GeminiResponseMapping {
    private static final BigDecimal MAX_EXACT_DOUBLE = BigDecimal.valueOf(1L << 53);

    private GeminiResponseMapping() {}

    public static ChatResponse fromWire(JsonNode body) {
        JsonNode candidate = firstCandidate(body);
        List<ContentPart> parts = new ArrayList<>();
        boolean toolCalls = false;
        if (candidate != null) {
            for (JsonNode part : Json.elements(candidate.path("content"), "parts")) {
                String signature = Json.text(part, "thoughtSignature");
                JsonNode call = part.get("functionCall");
                if (call != null && call.isObject()) {
                    parts.add(toolCall(call, signature));
                    toolCalls = true;
                    continue;
                }
                String text = Json.text(part, "text");
                if (text != null && isThought(part)) {
                    parts.add(new ContentPart.Reasoning(text, signature, null));
                    continue;
                }
                if (signature != null) addSignature(parts, signature);
                // Parts of other kinds (inline images, executable code) have no canonical form yet.
                if (text != null && !text.isEmpty()) parts.add(new ContentPart.Text(text));
            }
        }
        String raw;
        FinishReason reason;
        if (candidate == null) {
            // A blocked prompt gets no candidate at all, only promptFeedback.blockReason.
            raw = blockReason(body);
            reason = raw != null ? FinishReason.CONTENT_FILTER : FinishReason.UNKNOWN;
        } else {
            raw = Json.text(candidate, "finishReason");
            reason = finishReason(raw, toolCalls);
        }
        return new ChatResponse(
                Json.text(body, "responseId"),
                Json.text(body, "modelVersion"),
                new Message(Role.ASSISTANT, parts),
                reason,
                raw,
                usage(body.get("usageMetadata")));
    }

    /** The candidate with index 0 (Gemini omits a zero index). */
    static JsonNode firstCandidate(JsonNode body) {
        for (JsonNode c : Json.elements(body, "candidates")) {
            if (c.path("index").asInt(0) == 0) return c;
        }
        return null;
    }

    static boolean isThought(JsonNode part) {
        return part.path("thought").asBoolean(false);
    }

    static String blockReason(JsonNode body) {
        return Json.text(Json.at(body, "promptFeedback"), "blockReason");
    }

    /** The signature of a text part belongs to the thinking that produced it: the reasoning just before. */
    private static void addSignature(List<ContentPart> parts, String signature) {
        if (!parts.isEmpty()
                && parts.get(parts.size() - 1) instanceof ContentPart.Reasoning r
                && r.signature() == null) {
            parts.set(parts.size() - 1, new ContentPart.Reasoning(r.text(), signature, r.redactedData()));
        } else {
            parts.add(new ContentPart.Reasoning(null, signature, null));
        }
    }

    private static ContentPart.ToolCall toolCall(JsonNode call, String signature) {
        return new ContentPart.ToolCall(
                toolCallId(call, signature), call.path("name").asText(""), argumentsText(call.get("args")));
    }

    /** Gemini's own call id when it sent one (it usually does not), else a fresh one; the signature rides along. */
    static String toolCallId(JsonNode call, String signature) {
        String id = Json.text(call, "id");
        return id != null && !id.isEmpty()
                ? GeminiToolCallIds.encode(id, signature)
                : GeminiToolCallIds.newId(signature);
    }

    /**
     * Arguments as JSON text. Args are a protobuf Struct, whose numbers are doubles: a Vertex answer printed from
     * its proto says 3.0 where the REST API says 3, so integral numbers are written as integers.
     */
    static String argumentsText(JsonNode args) {
        if (args == null || !args.isObject()) return "{}";
        return Json.write(integralNumbers(args));
    }

    static JsonNode integralNumbers(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> e : o.properties()) out.set(e.getKey(), integralNumbers(e.getValue()));
            return out;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode out = Json.array();
            a.forEach(n -> out.add(integralNumbers(n)));
            return out;
        }
        if (node.isFloatingPointNumber()) {
            BigDecimal d = node.decimalValue();
            if (d.abs().compareTo(MAX_EXACT_DOUBLE) <= 0
                    && d.stripTrailingZeros().scale() <= 0) {
                return Json.NODES.numberNode(d.longValue());
            }
        }
        return node;
    }

    public static FinishReason finishReason(String raw, boolean hasToolCalls) {
        if (raw == null) return null;
        return switch (raw) {
            case "STOP" -> hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY",
                    "RECITATION",
                    "BLOCKLIST",
                    "PROHIBITED_CONTENT",
                    "SPII",
                    "MODEL_ARMOR",
                    "IMAGE_SAFETY",
                    "IMAGE_PROHIBITED_CONTENT",
                    "IMAGE_RECITATION" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.UNKNOWN;
        };
    }

    /**
     * usageMetadata in OpenAI's conventions: output counts candidates and thoughts, reasoning the thoughts, cache
     * reads the cached-content tokens. Gemini omits zero counts, so an absent field is "not reported".
     */
    public static Usage usage(JsonNode meta) {
        if (meta == null || !meta.isObject()) return Usage.NOT_REPORTED;
        Long candidates = Json.longOrNull(meta, "candidatesTokenCount");
        Long thoughts = Json.longOrNull(meta, "thoughtsTokenCount");
        Long output = candidates == null && thoughts == null
                ? null
                : (candidates == null ? 0 : candidates) + (thoughts == null ? 0 : thoughts);
        return new Usage(
                Json.longOrNull(meta, "promptTokenCount"),
                output,
                Json.longOrNull(meta, "cachedContentTokenCount"),
                null,
                thoughts);
    }
}
