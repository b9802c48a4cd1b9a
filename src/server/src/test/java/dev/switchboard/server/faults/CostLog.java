package dev.switchboard.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.server.e2e.EmulatorResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The cost records the server wrote to its JSONL file, read back with a JSON parser. */
final class CostLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CostLog() {}

    static List<JsonNode> all() {
        try {
            List<JsonNode> records = new ArrayList<>();
            for (String line : Files.readAllLines(EmulatorResource.costFile())) {
                if (!line.isBlank()) records.add(JSON.readTree(line));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request's records by attempt number. */
    static List<JsonNode> of(String requestId) {
        return all().stream()
                .filter(r -> requestId.equals(r.path("request_id").asText()))
                .sorted(Comparator.comparingInt(r -> r.path("attempt").asInt()))
                .toList();
    }

    /**
     * One request's records once {@code expected} are in, or whatever is there after a second. A stream's last
     * record is written as the stream ends, which can trail the client's last read by a moment.
     */
    static List<JsonNode> await(String requestId, int expected) {
        long until = System.nanoTime() + 1_000_000_000L;
        List<JsonNode> records = of(requestId);
        while (records.size() < expected && System.nanoTime() < until) {
            sleep(10);
            records = of(requestId);
        }
        // a moment more, so that one record too many would show too
        sleep(20);
        return of(requestId);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
