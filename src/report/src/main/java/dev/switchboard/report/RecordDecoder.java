package dev.switchboard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostRecordJson;
import dev.switchboard.core.cost.format.CloudLoggingFormat;
import dev.switchboard.core.cost.format.EmfFormat;
import dev.switchboard.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a cost record in whatever shape a log pipeline handed it back: a canonical JSONL line, an EMF line
 * (bare or behind a CloudWatch export's timestamp prefix), a {@code filter-log-events} result, a BigQuery row
 * of the Cloud Logging sink (or a {@code gcloud logging read} entry), or a structured Cloud Logging line.
 */
final class RecordDecoder {

    /** What one log event turned out to be. */
    sealed interface Result {
        record Decoded(CostRecord record) implements Result {}

        record Malformed(String reason) implements Result {}
    }

    // a CloudWatch export puts "2024-05-01T12:00:00.000Z " (and Lambda may add a request id and level) before the
    // message
    private static final Pattern PREFIXED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ][^{]*?\\s(\\{.*)", Pattern.DOTALL);
    private static final List<String> IDENTIFYING_KEYS = List.of("request_id", "provider", "model", "outcome");

    private RecordDecoder() {}

    /** One line of a file; a blank line is nothing at all, and a line may hold several events. */
    static List<Result> decodeLine(String line) {
        String s = line.strip();
        if (s.isEmpty()) return List.of();
        if (!s.startsWith("{") && !s.startsWith("[")) {
            Matcher m = PREFIXED.matcher(s);
            if (m.matches()) s = m.group(1);
        }
        JsonNode node = Json.tryParse(s);
        if (node == null) return List.of(malformed("not JSON"));
        return decodeValue(node);
    }

    /** A parsed JSON value: a record, or a container of log events. */
    static List<Result> decodeValue(JsonNode node) {
        if (node.isArray()) {
            // a list of log entries or events; anything else in a bracket is one bad line, not many
            if (node.isEmpty() || !node.valueStream().allMatch(JsonNode::isObject)) {
                return List.of(malformed("not a cost record"));
            }
            List<Result> out = new ArrayList<>();
            node.forEach(element -> out.addAll(decodeValue(element)));
            return out;
        }
        if (!node.isObject()) return List.of(malformed("not a cost record"));
        JsonNode events = node.get("events");
        if (events != null && events.isArray()) return decodeEvents(events);
        JsonNode payload = node.get("jsonPayload");
        if (payload != null && payload.isObject()) return List.of(fromLogEntry(node, (ObjectNode) payload));
        if (node.has("_aws")) return List.of(fromEmf((ObjectNode) node));
        if (isLogEvent(node)) return decodeLine(node.get("message").asText());
        return List.of(fromCanonical((ObjectNode) node));
    }

    /** A single CloudWatch log event ({@code {"timestamp":..., "message": "<EMF line>", ...}}). */
    private static boolean isLogEvent(JsonNode node) {
        JsonNode message = node.get("message");
        if (message == null || !message.isTextual() || node.has("request_id")) return false;
        return node.has("eventId")
                || node.has("logStreamName")
                || node.has("ingestionTime")
                || message.asText().strip().startsWith("{");
    }

    private static List<Result> decodeEvents(JsonNode events) {
        List<Result> out = new ArrayList<>();
        for (JsonNode event : events) {
            JsonNode message = event.get("message");
            if (message == null || !message.isTextual()) out.add(malformed("log event without a message"));
            else {
                List<Result> decoded = decodeLine(message.asText());
                out.addAll(decoded.isEmpty() ? List.of(malformed("empty log event")) : decoded);
            }
        }
        return out;
    }

    private static Result fromEmf(ObjectNode line) {
        if (!EmfFormat.RECORD_TYPE.equals(Json.text(line, "record_type"))) {
            return malformed("not a cost record (EMF without record_type " + EmfFormat.RECORD_TYPE + ")");
        }
        ObjectNode o = line.deepCopy();
        for (String d : EmfFormat.DIMENSIONS) {
            if (EmfFormat.NO_VALUE.equals(Json.text(o, d))) o.putNull(d);
        }
        return fromCanonical(o);
    }

    /**
     * Cloud Logging may take {@code timestamp} out of the payload as the entry's own time, and labels carry the
     * dimensions, so the entry fills what the payload lacks.
     */
    private static Result fromLogEntry(JsonNode entry, ObjectNode payload) {
        ObjectNode o = payload.deepCopy();
        if (!o.hasNonNull("timestamp") && entry.hasNonNull("timestamp")) o.set("timestamp", entry.get("timestamp"));
        JsonNode labels = entry.get("labels");
        if (labels != null && labels.isObject()) {
            for (String key : CloudLoggingFormat.LABEL_KEYS) {
                if (!o.hasNonNull(key) && labels.hasNonNull(key)) o.set(key, labels.get(key));
            }
        }
        return fromCanonical(o);
    }

    private static Result fromCanonical(ObjectNode o) {
        if (IDENTIFYING_KEYS.stream().noneMatch(o::has)) return malformed("not a cost record");
        try {
            return new Result.Decoded(CostRecordJson.fromJson(LenientFields.normalize(o)));
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            return malformed("invalid cost record: " + (why.length() > 120 ? why.substring(0, 120) + "..." : why));
        }
    }

    private static Result malformed(String reason) {
        return new Result.Malformed(reason);
    }
}
