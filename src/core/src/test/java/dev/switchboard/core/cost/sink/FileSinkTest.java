package dev.switchboard.core.cost.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cost.CostRecordJson;
import dev.switchboard.core.cost.format.CostRecordSamples;
import dev.switchboard.core.cost.format.JsonLinesFormat;
import dev.switchboard.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void createsTheFileAndItsDirectoryAndWritesJsonLines() throws Exception {
        Path file = dir.resolve("logs/costs/costs.jsonl");
        try (FileSink sink = new FileSink(file)) {
            sink.emit(CostRecordSamples.full());
            sink.emit(CostRecordSamples.unreported());
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines)
                .containsExactly(
                        JsonLinesFormat.INSTANCE.line(CostRecordSamples.full()),
                        JsonLinesFormat.INSTANCE.line(CostRecordSamples.unreported()));
        assertThat(CostRecordJson.fromJson(Json.parse(lines.get(1)))).isEqualTo(CostRecordSamples.unreported());
    }

    @Test
    void appendsToWhatIsThere() throws Exception {
        Path file = dir.resolve("costs.jsonl");
        Files.writeString(file, "{\"earlier\":true}\n");
        try (FileSink first = new FileSink(file)) {
            first.emit(CostRecordSamples.withRequestId("req_a"));
        }
        try (FileSink second = new FileSink(file)) {
            second.emit(CostRecordSamples.withRequestId("req_b"));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("{\"earlier\":true}");
        assertThat(Json.parse(lines.get(1)).get("request_id").asText()).isEqualTo("req_a");
        assertThat(Json.parse(lines.get(2)).get("request_id").asText()).isEqualTo("req_b");
    }

    @Test
    void concurrentRecordsNeverInterleave() throws Exception {
        Path file = dir.resolve("costs.jsonl");
        try (FileSink sink = new FileSink(file)) {
            SinkTesting.emitConcurrently(sink);
        }
        SinkTesting.assertEveryLineIntact(Files.readString(file));
    }

    @Test
    void anUnwritablePathIsReportedOnceAndNeverThrown() throws Exception {
        Path notAFile = Files.createDirectory(dir.resolve("a-directory"));
        try (FileSink sink =
                new FileSink(notAFile, JsonLinesFormat.INSTANCE, new PrintStream(err, true, StandardCharsets.UTF_8))) {
            sink.emit(CostRecordSamples.full());
            sink.emit(CostRecordSamples.full());
            assertThat(sink.failures()).isEqualTo(2);
        }
        String reported = err.toString(StandardCharsets.UTF_8);
        assertThat(reported.lines()).hasSize(1);
        assertThat(reported).contains("a-directory").doesNotContain("req_1");
    }

    @Test
    void aRotatedOrDeletedFileIsStartedAfresh() throws Exception {
        Path file = dir.resolve("costs.jsonl");
        Path rotated = dir.resolve("costs.jsonl.1");
        try (FileSink sink = new FileSink(file)) {
            sink.emit(CostRecordSamples.withRequestId("req_a"));
            Files.move(file, rotated);
            sink.emit(CostRecordSamples.withRequestId("req_b"));
            Files.delete(file);
            sink.emit(CostRecordSamples.withRequestId("req_c"));
            assertThat(sink.failures()).isZero();
        }
        assertThat(Files.readAllLines(rotated))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("req_a"));
        assertThat(Files.readAllLines(file))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("req_c"));
    }

    @Test
    void aPathThatBreaksAndHealsLosesOnlyTheRecordsInBetween() throws Exception {
        Path file = dir.resolve("costs.jsonl");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        try (FileSink sink =
                new FileSink(file, JsonLinesFormat.INSTANCE, new PrintStream(errors, true, StandardCharsets.UTF_8))) {
            sink.emit(CostRecordSamples.withRequestId("req_a"));
            Files.delete(file);
            Files.createDirectory(file);
            sink.emit(CostRecordSamples.withRequestId("req_b")); // lost, and said so
            Files.delete(file);
            sink.emit(CostRecordSamples.withRequestId("req_c"));
            assertThat(sink.failures()).isEqualTo(1);
        }
        assertThat(Files.readAllLines(file))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("req_c"));
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("costs.jsonl");
    }
}
