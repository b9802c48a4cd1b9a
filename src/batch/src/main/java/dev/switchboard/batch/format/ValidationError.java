package dev.switchboard.batch.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;

/**
 * One reason an input file was refused, as an element of OpenAI's {@code errors.data[]}.
 *
 * @param line 1-based line number in the file; null for a problem of the whole file (too many lines, too large)
 */
public record ValidationError(String code, String message, String param, Integer line) {

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("code", code);
        n.put("message", message);
        if (param == null) n.putNull("param");
        else n.put("param", param);
        if (line == null) n.putNull("line");
        else n.put("line", line);
        return n;
    }

    public static ValidationError fromJson(com.fasterxml.jackson.databind.JsonNode n) {
        return new ValidationError(
                Json.text(n, "code"),
                Json.text(n, "message"),
                Json.text(n, "param"),
                n.hasNonNull("line") ? n.get("line").intValue() : null);
    }
}
