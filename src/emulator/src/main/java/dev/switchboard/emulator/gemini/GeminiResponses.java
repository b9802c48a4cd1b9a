package dev.switchboard.emulator.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.emulator.behavior.Completion;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.behavior.Words;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GenerateContentResponse} bodies in their JSON form. The Gemini API and Vertex AI share this
 * schema, so the Vertex front end parses these same objects into the v1 proto.
 */
public final class GeminiResponses {

    private GeminiResponses() {}

    public static ObjectNode complete(Completion a, String model) {
        ArrayNode parts = Json.arr();
        if (a.reasoning() != null) {
            parts.add(Json.obj("text", a.reasoning(), "thought", true));
        }
        parts.add(a.isToolCall() ? functionCall(a) : Json.obj("text", a.text()));
        Completion.Usage u = a.usage();
        return response(a, model, parts, finishReason(a), usage(u, u.outputTokens(), u.reasoningTokens()));
    }

    /**
     * Stream chunks: a thought chunk first when reasoning, then one chunk per word (or the whole function
     * call), each with cumulative usage; only the last carries finishReason and the final counts.
     */
    public static List<ObjectNode> chunks(Completion a, String model) {
        List<ObjectNode> chunks = new ArrayList<>();
        Completion.Usage u = a.usage();
        if (a.reasoning() != null) {
            chunks.add(response(
                    a,
                    model,
                    Json.arr(Json.obj("text", a.reasoning(), "thought", true)),
                    null,
                    usage(u, 0, u.reasoningTokens())));
        }
        if (a.isToolCall()) {
            chunks.add(response(
                    a,
                    model,
                    Json.arr(functionCall(a)),
                    finishReason(a),
                    usage(u, u.outputTokens(), u.reasoningTokens())));
            return chunks;
        }
        List<String> words = Words.chunks(a.text());
        if (words.isEmpty()) {
            words = List.of("");
        }
        for (int i = 0; i < words.size(); i++) {
            boolean last = i == words.size() - 1;
            int soFar = last ? u.outputTokens() : i + 1;
            chunks.add(response(
                    a,
                    model,
                    Json.arr(Json.obj("text", words.get(i))),
                    last ? finishReason(a) : null,
                    usage(u, soFar, u.reasoningTokens())));
        }
        return chunks;
    }

    private static ObjectNode response(Completion a, String model, ArrayNode parts, String finish, ObjectNode usage) {
        ObjectNode candidate = Json.obj("content", Json.obj("parts", parts, "role", "model"));
        if (finish != null) {
            candidate.put("finishReason", finish);
        }
        candidate.put("index", 0);
        return Json.obj(
                "candidates", Json.arr(candidate), "usageMetadata", usage, "modelVersion", model, "responseId", a.id());
    }

    private static ObjectNode functionCall(Completion a) {
        return Json.obj(
                "functionCall",
                Json.obj("name", a.toolCall().name(), "args", a.toolCall().arguments()));
    }

    /** promptTokenCount includes cachedContentTokenCount; thoughts are counted beside the candidates. */
    private static ObjectNode usage(Completion.Usage u, int candidates, int thoughts) {
        ObjectNode usage = Json.obj(
                "promptTokenCount",
                u.inputTokens(),
                "candidatesTokenCount",
                candidates,
                "totalTokenCount",
                u.inputTokens() + candidates + thoughts);
        if (u.cachedTokens() > 0) {
            usage.put("cachedContentTokenCount", u.cachedTokens());
        }
        if (thoughts > 0) {
            usage.put("thoughtsTokenCount", thoughts);
        }
        usage.set("promptTokensDetails", Json.arr(Json.obj("modality", "TEXT", "tokenCount", u.inputTokens())));
        if (u.cachedTokens() > 0) {
            usage.set("cacheTokensDetails", Json.arr(Json.obj("modality", "TEXT", "tokenCount", u.cachedTokens())));
        }
        return usage;
    }

    /** A function call finishes with STOP on Google APIs; there is no tool-call finish reason. */
    private static String finishReason(Completion a) {
        return a.finish() == Completion.Finish.LENGTH ? "MAX_TOKENS" : "STOP";
    }
}
