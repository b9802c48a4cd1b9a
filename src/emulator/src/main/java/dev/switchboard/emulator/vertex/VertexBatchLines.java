package dev.switchboard.emulator.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.behavior.Completion;
import dev.switchboard.emulator.behavior.Conversation;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.behavior.ModelSpec;
import dev.switchboard.emulator.gemini.GeminiReader;
import dev.switchboard.emulator.gemini.GeminiResponses;
import dev.switchboard.emulator.gemini.GoogleStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of a batch prediction job: {@code {"request": GenerateContentRequest}} in, {@code {"status": "",
 * "processed_time", "request", "response": GenerateContentResponse}} out, the request echoed as given (Vertex echoes
 * no id, so callers match by what they put in the request, e.g. its labels). A failed line carries its error in
 * {@code status} ("Bad Request: {"error": {...}}") and no response. Answers are the real-time emulator's.
 */
final class VertexBatchLines {

    /** A line whose last user message is exactly this gets an error line (the batch emulators' shared rule). */
    static final String FAIL_TEXT = "switchboard-emulator: fail this line";

    record Answer(String line, boolean ok) {}

    private VertexBatchLines() {}

    static Answer answer(Behavior behavior, String model, String input) {
        ObjectNode out = Json.obj();
        JsonNode request;
        try {
            request = Json.parse(input).get("request");
        } catch (RuntimeException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            return failed(out, 400, "Invalid JSON payload: the line has no \"request\" object.");
        }
        out.set("request", request);
        Optional<ModelSpec> spec = behavior.resolve(model);
        if (spec.isEmpty()) {
            return failed(out, 404, "Publisher Model `" + model + "` was not found.");
        }
        Conversation conversation = GeminiReader.read(request);
        if (FAIL_TEXT.equals(conversation.lastUserText())) {
            return failed(out, 400, "Request contains an invalid argument.");
        }
        Completion answer = behavior.answer(conversation, spec.get());
        JsonNode response = VertexMapping.toJson(VertexMapping.response(GeminiResponses.complete(answer, model)));
        out.put("status", "").put("processed_time", Instant.now().toString());
        out.set("response", response);
        return new Answer(Json.text(out), true);
    }

    private static Answer failed(ObjectNode out, int http, String message) {
        ObjectNode error = Json.obj();
        error.putObject("error").put("code", http).put("message", message).put("status", GoogleStatus.forHttp(http));
        String reason = http == 404 ? "Not Found" : "Bad Request";
        out.put("status", reason + ": " + Json.text(error))
                .put("processed_time", Instant.now().toString());
        return new Answer(Json.text(out), false);
    }
}
