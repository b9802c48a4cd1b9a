package dev.switchboard.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.format.CloudLoggingFormat;
import dev.switchboard.core.cost.format.CostRecordSamples;
import dev.switchboard.core.cost.format.EmfFormat;
import dev.switchboard.core.cost.format.JsonLinesFormat;
import dev.switchboard.core.json.Json;
import dev.switchboard.report.RecordDecoder.Result;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {
    private static final CostRecord FULL = CostRecordSamples.asReadBack(CostRecordSamples.full());

    @Test
    void everyFormatterLineDecodesToTheSameRecord() {
        for (String line : List.of(
                JsonLinesFormat.INSTANCE.line(FULL),
                EmfFormat.defaults().line(FULL),
                new CloudLoggingFormat("p").line(CostRecordSamples.full()))) {
            assertThat(RecordDecoder.decodeLine(line)).containsExactly(new Result.Decoded(FULL));
        }
    }

    @Test
    void cloudWatchPrefixesAreSkipped() {
        String emf = EmfFormat.defaults().line(FULL);
        assertThat(RecordDecoder.decodeLine("2025-05-01T10:00:00.123Z " + emf))
                .containsExactly(new Result.Decoded(FULL));
        // Lambda's own "timestamp request-id level" prefix
        assertThat(RecordDecoder.decodeLine("2025-05-01T10:00:00.123Z\t8f5e2a8c-1111\tINFO\t" + emf))
                .containsExactly(new Result.Decoded(FULL));
        assertThat(RecordDecoder.decodeLine("2025-05-01T10:00:00.123Z START RequestId: x"))
                .containsExactly(new Result.Malformed("not JSON"));
    }

    @Test
    void aCompactFilterLogEventsResultOnOneLine() {
        String emf = EmfFormat.defaults().line(FULL);
        String line = Json.write(Json.object()
                .set(
                        "events",
                        Json.array()
                                .add(Json.object().put("message", emf).put("eventId", "1"))
                                .add(Json.object()
                                        .put("message", "END RequestId: x")
                                        .put("eventId", "2"))
                                .add(Json.object().put("eventId", "3"))));
        assertThat(RecordDecoder.decodeLine(line))
                .containsExactly(
                        new Result.Decoded(FULL),
                        new Result.Malformed("not JSON"),
                        new Result.Malformed("log event without a message"));
    }

    @Test
    void aNullDimensionPlaceholderReadsBackAsNull() {
        CostRecord noRoute = new CostRecord(
                FULL.timestamp(),
                "req_3",
                1,
                null,
                "openai",
                "gpt-4o",
                "ok",
                false,
                1L,
                1L,
                null,
                null,
                null,
                new BigDecimal("0.01"),
                "v",
                "known",
                5L,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                CostRecord.ON_DEMAND,
                null);
        assertThat(RecordDecoder.decodeLine(EmfFormat.defaults().line(noRoute)))
                .containsExactly(new Result.Decoded(noRoute));
    }

    @Test
    void gcloudLoggingReadEntriesAreLogEntriesToo() {
        // gcloud prints numbers of a Struct as doubles, and the timestamp as the entry's own
        String entries = "[{\"timestamp\":\"2025-05-01T10:00:00.123456Z\",\"labels\":{\"route\":\"chat\"},"
                + "\"jsonPayload\":{\"request_id\":\"req_1\",\"attempt\":2.0,\"provider\":\"openai\",\"model\":\"gpt-4o\","
                + "\"outcome\":\"ok\",\"input_tokens\":1000.0,\"cost_usd\":1.5e-7,\"latency_ms\":812.0,\"tags\":[\"t\"]}}]";
        List<Result> results = RecordDecoder.decodeLine(entries);
        assertThat(results).hasSize(1).first().isInstanceOf(Result.Decoded.class);
        CostRecord r = ((Result.Decoded) results.get(0)).record();
        assertThat(r.timestamp()).isEqualTo(FULL.timestamp());
        assertThat(r.route()).isEqualTo("chat");
        assertThat(r.attempt()).isEqualTo(2);
        assertThat(r.inputTokens()).isEqualTo(1000L);
        assertThat(r.outputTokens()).isNull();
        assertThat(r.costUsd()).isEqualByComparingTo("0.00000015");
        assertThat(r.latencyMs()).isEqualTo(812L);
    }

    @Test
    void otherJsonIsNotACostRecord() {
        assertThat(RecordDecoder.decodeLine("{\"level\":\"INFO\",\"message\":\"started\"}"))
                .containsExactly(new Result.Malformed("not a cost record"));
        assertThat(RecordDecoder.decodeLine("[1,2,3]")).containsExactly(new Result.Malformed("not a cost record"));
        assertThat(RecordDecoder.decodeLine("42")).containsExactly(new Result.Malformed("not a cost record"));
        assertThat(RecordDecoder.decodeLine("   ")).isEmpty();
    }
}
