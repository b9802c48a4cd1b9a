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
import java.util.function.Predicate;

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

    /**
     * One request's records once {@code expected} are in, or whatever is there after a second. A stream's last
     * record is written as the stream ends, which can trail the client's last read by a moment.
     */
    static List<JsonNode> await(String requestId, int expected) {
        return await(r -> requestId.equals(r.path("request_id").asText()), expected).stream()
                .sorted(Comparator.comparingInt(r -> r.path("attempt").asInt()))
                .toList();
    }

    /** The records that {@code which} selects once {@code expected} are in, or whatever is there after a second. */
    static List<JsonNode> await(Predicate<JsonNode> which, int expected) {
        long until = System.nanoTime() + 1_000_000_000L;
        while (select(which).size() < expected && System.nanoTime() < until) {
            sleep(10);
        }
        // a moment more, so that one record too many would show too
        sleep(20);
        return select(which);
    }

    private static List<JsonNode> select(Predicate<JsonNode> which) {
        return all().stream().filter(which).toList();
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
