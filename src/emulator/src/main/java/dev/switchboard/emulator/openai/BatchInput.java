package dev.switchboard.emulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.switchboard.emulator.behavior.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks OpenAI makes of a batch input file before it runs any line. */
final class BatchInput {
    /** OpenAI's documented limit of requests in one batch. */
    static final int MAX_LINES = 50_000;

    private BatchInput() {}

    /** The input's lines, or none with the reasons in {@code errors} (OpenAI's validation errors). */
    static List<JsonNode> lines(boolean azure, String endpoint, byte[] content, ArrayNode errors) {
        List<JsonNode> lines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String model = null;
        String[] raw = new String(content, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].isBlank()) continue;
            int lineNo = i + 1;
            JsonNode line = Json.parseOrNull(raw[i].getBytes(StandardCharsets.UTF_8));
            String problem = null;
            if (line == null || !line.isObject()) {
                problem = "invalid_json_line";
            } else if (!line.path("custom_id").isTextual()
                    || !ids.add(line.path("custom_id").asText())) {
                problem = "duplicate_custom_id";
            } else if (!"POST".equals(line.path("method").asText())) {
                problem = "invalid_method";
            } else if (!urlMatches(azure, endpoint, line.path("url").asText())) {
                problem = "mismatched_url";
            } else if (!line.path("body").isObject()) {
                problem = "missing_body";
            } else if (model != null
                    && !model.equals(line.path("body").path("model").asText())) {
                problem = "mismatched_model";
            }
            if (problem != null) {
                errors.add(Json.obj(
                        "code",
                        problem,
                        "message",
                        "Line " + lineNo + " of the input file is not a valid batch request (" + problem + ").",
                        "param",
                        null,
                        "line",
                        lineNo));
                continue;
            }
            model = line.path("body").path("model").asText();
            lines.add(line);
        }
        if (lines.isEmpty() && errors.isEmpty()) {
            errors.add(Json.obj(
                    "code", "empty_file", "message", "The input file has no requests.", "param", null, "line", null));
        }
        if (lines.size() > MAX_LINES) {
            errors.add(Json.obj(
                    "code",
                    "too_many_requests",
                    "message",
                    "A batch takes at most " + MAX_LINES + " requests.",
                    "param",
                    null,
                    "line",
                    null));
        }
        return errors.isEmpty() ? lines : List.of();
    }

    /** Azure lines say "/chat/completions" (its v1 surface also takes "/v1/chat/completions"); OpenAI's "/v1/...". */
    private static boolean urlMatches(boolean azure, String endpoint, String url) {
        if (azure) return normalize(url).equals(normalize(endpoint));
        return url.equals(endpoint);
    }

    static String normalize(String path) {
        return path.startsWith("/v1/") ? path.substring(3) : path;
    }
}
