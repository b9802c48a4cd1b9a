package dev.switchboard.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import java.time.Instant;

/**
 * A native job's {@code native-intent.json}: a provider create was attempted at {@code submittedAt} with {@code
 * requests} lines for {@code model}. Written before the create, so a run that finds it without a provider job in
 * {@code native.json} knows an earlier create may have been accepted although its answer was lost.
 */
record CreateIntent(Instant submittedAt, int requests, String model) {

    byte[] toBytes() {
        ObjectNode n = Json.object();
        n.put("submitted_at", submittedAt.toString());
        n.put("requests", requests);
        if (model != null) n.put("model", model);
        return Json.bytes(n);
    }

    static CreateIntent fromBytes(byte[] bytes) {
        JsonNode n = Json.parse(bytes);
        return new CreateIntent(
                Instant.parse(Json.text(n, "submitted_at")), n.path("requests").asInt(), Json.text(n, "model"));
    }
}
