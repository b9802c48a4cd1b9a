package dev.switchboard.core.cost.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cost.format.CostRecordSamples;
import dev.switchboard.core.cost.format.EmfFormat;
import dev.switchboard.core.cost.format.JsonLinesFormat;
import dev.switchboard.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StdoutSinkTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesOneFormattedLinePerRecord() {
        StdoutSink sink = new StdoutSink(EmfFormat.defaults(), print(out), print(err));
        sink.emit(CostRecordSamples.full());
        sink.emit(CostRecordSamples.unreported());
        var lines = text(out).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(EmfFormat.defaults().line(CostRecordSamples.full()));
        assertThat(Json.parse(lines.get(1)).get("request_id").asText()).isEqualTo("req_2");
        assertThat(text(err)).isEmpty();
        assertThat(sink.failures()).isZero();
    }

    @Test
    void concurrentRecordsNeverInterleave() throws Exception {
        StdoutSink sink = new StdoutSink(JsonLinesFormat.INSTANCE, print(out), print(err));
        SinkTesting.emitConcurrently(sink);
        SinkTesting.assertEveryLineIntact(text(out));
    }

    @Test
    void eachLineIsFlushedAtOnce() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        // no autoflush, buffered: the sink itself must flush
        PrintStream buffered =
                new PrintStream(new java.io.BufferedOutputStream(raw, 1 << 16), false, StandardCharsets.UTF_8);
        new StdoutSink(JsonLinesFormat.INSTANCE, buffered, print(err)).emit(CostRecordSamples.full());
        assertThat(raw.toString(StandardCharsets.UTF_8)).endsWith("\n").contains("\"request_id\":\"req_1\"");
    }

    @Test
    void aBrokenStdoutIsReportedOnceAndNeverThrown() {
        PrintStream broken = new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("pipe closed");
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        throw new IOException("pipe closed");
                    }
                },
                false,
                StandardCharsets.UTF_8);
        StdoutSink sink = new StdoutSink(JsonLinesFormat.INSTANCE, broken, print(err));
        for (int i = 0; i < 3; i++) sink.emit(CostRecordSamples.full());
        assertThat(sink.failures()).isEqualTo(3);
        assertThat(text(err).lines()).hasSize(1);
        assertThat(text(err)).contains("cost sink 'stdout' failed").doesNotContain("req_1");
    }

    @Test
    void aRecordThatCannotBeFormattedIsReportedNotThrown() {
        StdoutSink sink = new StdoutSink(JsonLinesFormat.INSTANCE, print(out), print(err));
        sink.emit(null);
        sink.emit(CostRecordSamples.full());
        assertThat(sink.failures()).isEqualTo(1);
        assertThat(text(out).lines()).hasSize(1);
        assertThat(text(err)).contains("NullPointerException");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
