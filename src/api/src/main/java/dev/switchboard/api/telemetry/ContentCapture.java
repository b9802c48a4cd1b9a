package dev.switchboard.api.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.Message;

/**
 * Prompts and completions as the GenAI conventions' {@code gen_ai.input.messages} / {@code gen_ai.output.messages}
 * (text parts only), for operators who opted in with {@code switchboard.telemetry.capture-content}. Off by default:
 * spans usually leave the operator's trust boundary.
 */
final class ContentCapture {
    /** Span attributes are no place for whole documents; longer texts are cut. */
    static final int MAX_CHARS = 16_384;

    private ContentCapture() {}

    static String input(ChatRequest request) {
        ArrayNode messages = Json.array();
        for (Message m : request.messages()) messages.add(message(m.role().wireName(), m.text(), null));
        return cut(Json.write(messages));
    }

    static String output(ChatResponse response) {
        ArrayNode messages = Json.array();
        messages.add(
                message("assistant", response.text(), response.finishReason().wireName()));
        return cut(Json.write(messages));
    }

    private static ObjectNode message(String role, String text, String finishReason) {
        ObjectNode o = Json.object();
        o.put("role", role);
        ArrayNode parts = o.putArray("parts");
        if (text != null) parts.addObject().put("type", "text").put("content", text);
        if (finishReason != null) o.put("finish_reason", finishReason);
        return o;
    }

    private static String cut(String s) {
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS);
    }
}
