package dev.switchboard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Finds the cost lines of one request in captured stdout (EMF) and in the JSONL cost file. */
final class CostLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CostLines() {}

    /** The EMF lines of a request, parsed; waits briefly since the record is written after the answer. */
    static List<JsonNode> emf(String requestId, int expected) {
        return await(
                () -> {
                    List<JsonNode> out = new ArrayList<>();
                    for (String line : StdoutCapture.jsonLines()) {
                        // other output may start with '{' too (multi-line dumps); a cost line is one whole JSON object
                        if (!line.contains("\"_aws\"") || !line.contains(requestId)) continue;
                        JsonNode n = parse(line);
                        if (n.has("_aws")
                                && requestId.equals(n.path("request_id").asText())) out.add(n);
                    }
                    return out;
                },
                expected,
                "EMF lines on stdout for " + requestId);
    }

    static List<JsonNode> file(Path path, String requestId, int expected) {
        return await(
                () -> {
                    List<JsonNode> out = new ArrayList<>();
                    try {
                        for (String line : Files.readAllLines(path)) {
                            JsonNode n = parse(line);
                            if (requestId.equals(n.path("request_id").asText())) out.add(n);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return out;
                },
                expected,
                "JSON lines in " + path + " for " + requestId);
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    private static List<JsonNode> await(java.util.function.Supplier<List<JsonNode>> find, int expected, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<JsonNode> found = find.get();
        while (found.size() < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = find.get();
        }
        assertThat(found).as(what).hasSize(expected);
        return found;
    }
}
