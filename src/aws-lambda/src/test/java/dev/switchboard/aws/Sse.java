package dev.switchboard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** A complete SSE body as an OpenAI client reads it: {@code data:} frames separated by blank lines. */
record Sse(List<String> data) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a whole body; fails on anything but {@code data:} lines and frame separators. */
    static Sse parse(String body) {
        if (!body.endsWith("\n\n")) throw new AssertionError("SSE body does not end with a blank line: " + tail(body));
        List<String> data = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            if (frame.isEmpty()) continue;
            for (String line : frame.split("\n")) {
                if (!line.startsWith("data: ")) throw new AssertionError("not a data line: '" + line + "'");
                data.add(line.substring("data: ".length()));
            }
        }
        return new Sse(data);
    }

    boolean endsWithDone() {
        return !data.isEmpty() && data.get(data.size() - 1).equals("[DONE]");
    }

    /** Every frame but [DONE], as JSON. */
    List<JsonNode> chunks() {
        List<JsonNode> out = new ArrayList<>();
        for (String d : data) {
            if (d.equals("[DONE]")) continue;
            try {
                out.add(JSON.readTree(d));
            } catch (Exception e) {
                throw new AssertionError("frame is not JSON: " + d, e);
            }
        }
        return out;
    }

    /** The concatenated delta content. */
    String content() {
        StringBuilder sb = new StringBuilder();
        for (JsonNode c : chunks()) {
            for (JsonNode choice : c.path("choices"))
                sb.append(choice.path("delta").path("content").asText(""));
        }
        return sb.toString();
    }

    /** The usage chunk (choices empty, usage set). */
    JsonNode usage() {
        return chunks().stream()
                .filter(c -> c.path("usage").isObject())
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no usage chunk in " + data))
                .path("usage");
    }

    private static String tail(String s) {
        return s.length() <= 200 ? s : "..." + s.substring(s.length() - 200);
    }
}
