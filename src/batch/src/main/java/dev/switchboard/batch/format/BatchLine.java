package dev.switchboard.batch.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.json.Json;

/**
 * One well-formed request line of an input file.
 *
 * @param line 1-based line number in the file (blank lines count, so numbers match an editor's)
 */
public record BatchLine(int line, String customId, BatchEndpoint endpoint, JsonNode body) {

    /** A line that is not a well-formed request: the validation error it becomes. */
    public static final class Malformed extends Exception {
        private final transient ValidationError error;

        Malformed(ValidationError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        public ValidationError error() {
            return error;
        }
    }

    /**
     * Reads one line's envelope ({@code custom_id}, {@code method}, {@code url}, {@code body}); the body itself is
     * read by the endpoint's front-door reader when the line runs, and its errors are that line's result.
     *
     * @param required the batch's endpoint, which every line's url must equal; null when lines may mix urls
     */
    public static BatchLine parse(int line, byte[] raw, BatchEndpoint required) throws Malformed {
        JsonNode root = Json.tryParse(raw);
        if (root == null || !root.isObject()) {
            throw malformed("invalid_json_line", "This line is not valid JSON (one JSON object per line).", null, line);
        }
        JsonNode customId = root.get("custom_id");
        if (customId == null || customId.isNull()) throw missing("custom_id", line);
        if (!customId.isTextual() || customId.asText().isEmpty()) {
            throw malformed("invalid_request", "'custom_id' must be a non-empty string.", "custom_id", line);
        }
        JsonNode method = root.get("method");
        if (method == null || method.isNull()) throw missing("method", line);
        if (!"POST".equals(method.asText())) {
            throw malformed("invalid_request", "'method' must be \"POST\".", "method", line);
        }
        JsonNode url = root.get("url");
        if (url == null || url.isNull()) throw missing("url", line);
        BatchEndpoint endpoint = BatchEndpoint.ofUrl(url.asText()).orElse(null);
        if (endpoint == null) {
            throw malformed(
                    "invalid_url",
                    "Unsupported url '" + url.asText() + "': use /v1/chat/completions or " + "/v1/messages.",
                    "url",
                    line);
        }
        if (required != null && endpoint != required) {
            throw malformed(
                    "mismatched_endpoint",
                    "The url '" + url.asText() + "' does not match the batch's endpoint '" + required.url() + "'.",
                    "url",
                    line);
        }
        JsonNode body = root.get("body");
        if (body == null || body.isNull()) throw missing("body", line);
        if (!body.isObject()) throw malformed("invalid_request", "'body' must be a JSON object.", "body", line);
        return new BatchLine(line, customId.asText(), endpoint, body);
    }

    private static Malformed missing(String field, int line) {
        return malformed("missing_required_parameter", "Missing required parameter: '" + field + "'.", field, line);
    }

    private static Malformed malformed(String code, String message, String param, int line) {
        return new Malformed(new ValidationError(code, message, param, line));
    }
}
