package dev.switchboard.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.format.CloudLoggingFormat;
import dev.switchboard.core.cost.format.CostLineFormat;
import dev.switchboard.core.cost.format.EmfFormat;
import dev.switchboard.core.cost.format.JsonLinesFormat;
import dev.switchboard.core.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report fixtures under src/test/resources/report: six records written by the real formatters in each shape
 * a pipeline hands them back. {@code bigquery-export.json} and {@code malformed.jsonl} are hand-written.
 * Regenerate them when {@code ReportFixturesTest} fails after a deliberate format change (from src/report, after a build):
 * {@code ../../mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.switchboard.report.ReportFixtures}
 */
public final class ReportFixtures {
    static final Path DIR = Path.of("src/test/resources/report");
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736/123;o=1";
    private static final DateTimeFormatter EXPORT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ReportFixtures() {}

    /** The team-a records carry gateway key app1 of tenant acme. In totals: 5 requests, 6 attempts (5 ok, 1 error), 3511 in, 1255 out, 100 cache read, 300 reasoning, $0.01875015, 1 unpriced. */
    static List<CostRecord> records() {
        return List.of(
                record(
                        "2025-05-01T10:00:00.123456Z",
                        "req_sess1_a",
                        1,
                        "chat",
                        "openai",
                        "gpt-4o",
                        "ok",
                        false,
                        1000L,
                        200L,
                        100L,
                        null,
                        null,
                        "0.0045",
                        "known",
                        800,
                        null,
                        List.of("team-a"),
                        TRACE),
                record(
                        "2025-05-01T10:05:00Z",
                        "req_sess1_b",
                        1,
                        "chat",
                        "anthropic",
                        "claude-sonnet-4",
                        "rate_limited",
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "known",
                        120,
                        null,
                        List.of("team-a", "batch-x"),
                        null),
                record(
                        "2025-05-01T10:05:01.500Z",
                        "req_sess1_b",
                        2,
                        "chat",
                        "openai",
                        "gpt-4o",
                        "ok",
                        true,
                        500L,
                        50L,
                        0L,
                        0L,
                        0L,
                        "0.00175",
                        "known",
                        950,
                        210L,
                        List.of("team-a", "batch-x"),
                        null),
                record(
                        "2025-05-02T08:00:00Z",
                        "req_other_c",
                        1,
                        "gemini-pro",
                        "gemini",
                        "gemini-2.5-pro",
                        "ok",
                        true,
                        2000L,
                        1000L,
                        null,
                        null,
                        300L,
                        "0.0125",
                        "known",
                        3000,
                        350L,
                        List.of(),
                        null),
                record(
                        "2025-05-03T12:00:00Z",
                        "req_other_d",
                        1,
                        "openai/my-finetune",
                        "openai",
                        "my-finetune",
                        "ok",
                        false,
                        10L,
                        5L,
                        null,
                        null,
                        null,
                        null,
                        "unknown",
                        300,
                        null,
                        List.of("team-b"),
                        null),
                record(
                        "2025-05-03T23:59:59.999Z",
                        "req_other_e",
                        1,
                        "openai/gpt-4o-mini",
                        "openai",
                        "gpt-4o-mini",
                        "ok",
                        false,
                        1L,
                        0L,
                        null,
                        null,
                        null,
                        "0.00000015",
                        "known",
                        90,
                        null,
                        List.of("team-b"),
                        null));
    }

    private static CostRecord record(
            String ts,
            String requestId,
            int attempt,
            String route,
            String provider,
            String model,
            String outcome,
            boolean stream,
            Long in,
            Long out,
            Long cacheRead,
            Long cacheWrite,
            Long reasoning,
            String cost,
            String pricing,
            long latency,
            Long ttft,
            List<String> tags,
            String trace) {
        return new CostRecord(
                Instant.parse(ts),
                requestId,
                attempt,
                route,
                provider,
                model,
                outcome,
                stream,
                in,
                out,
                cacheRead,
                cacheWrite,
                reasoning,
                cost == null ? null : new BigDecimal(cost),
                "2025-05",
                pricing,
                latency,
                ttft,
                tags,
                null,
                trace,
                tags.contains("team-a") ? "app1" : null,
                tags.contains("team-a") ? "acme" : null,
                CostRecord.ON_DEMAND,
                null);
    }

    /** File name to content, as the formatters write them today. */
    static Map<String, String> generated() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("costs.jsonl", lines(JsonLinesFormat.INSTANCE, ""));
        files.put("cloud-logging.jsonl", lines(new CloudLoggingFormat("demo-project"), ""));
        files.put("cloudwatch-export.log", cloudWatchExport());
        files.put("filter-log-events.json", filterLogEvents());
        return files;
    }

    private static String lines(CostLineFormat format, String prefix) {
        StringBuilder out = new StringBuilder();
        for (CostRecord r : records()) out.append(prefix).append(format.line(r)).append('\n');
        return out.toString();
    }

    /** An S3 export of a Lambda log group: "<ISO timestamp> <message>", with the platform's own lines in between. */
    private static String cloudWatchExport() {
        EmfFormat emf = EmfFormat.defaults();
        StringBuilder out = new StringBuilder();
        out.append("2025-05-01T09:59:59.000Z START RequestId: 8f5e2a8c-0000-4000-8000-000000000001 Version: $LATEST\n");
        for (CostRecord r : records()) {
            out.append(EXPORT_TIME.format(r.timestamp()))
                    .append(' ')
                    .append(emf.line(r))
                    .append('\n');
        }
        // another library's EMF in the same log group: not ours, counted as not a cost record
        out.append(
                "2025-05-03T23:59:59.999Z {\"_aws\":{\"Timestamp\":1746316799999,\"CloudWatchMetrics\":[{\"Namespace\":"
                        + "\"Other\",\"Dimensions\":[[\"service\"]],\"Metrics\":[{\"Name\":\"ColdStart\",\"Unit\":\"Count\"}]}]},"
                        + "\"service\":\"x\",\"ColdStart\":1}\n");
        out.append(
                "2025-05-04T00:00:00.000Z REPORT RequestId: 8f5e2a8c-0000-4000-8000-000000000001 Duration: 812.33 ms\n");
        return out.toString();
    }

    /** What {@code aws logs filter-log-events --output json} prints: pretty JSON, the EMF lines as messages. */
    private static String filterLogEvents() {
        EmfFormat emf = EmfFormat.defaults();
        ObjectNode doc = Json.object();
        ArrayNode events = doc.putArray("events");
        int id = 0;
        for (CostRecord r : records()) {
            events.addObject()
                    .put("logStreamName", "2025/05/01/[$LATEST]0123456789abcdef")
                    .put("timestamp", r.timestamp().toEpochMilli())
                    .put("message", emf.line(r) + "\n")
                    .put("ingestionTime", r.timestamp().toEpochMilli() + 500)
                    .put("eventId", "3791" + (++id));
        }
        events.addObject()
                .put("logStreamName", "2025/05/01/[$LATEST]0123456789abcdef")
                .put("timestamp", 1746093600000L)
                .put("message", "END RequestId: 8f5e2a8c\n")
                .put("ingestionTime", 1746093600500L)
                .put("eventId", "37999");
        doc.putArray("searchedLogStreams");
        try {
            return JsonMapper.builder()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .build()
                            .writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the generated fixtures to the directory given, or to {@link #DIR} (relative to src/report). */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : DIR;
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : generated().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + dir.resolve(f.getKey()));
        }
    }
}
