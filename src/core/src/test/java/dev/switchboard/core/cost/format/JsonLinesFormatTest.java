package dev.switchboard.core.cost.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostRecordJson;
import dev.switchboard.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesFormatTest {
    private final JsonLinesFormat format = JsonLinesFormat.INSTANCE;

    @Test
    void theLineIsExactlyTheCanonicalObject() {
        CostRecord r = CostRecordSamples.full();
        JsonNode line = Json.parse(format.line(r));
        assertThat(CostRecordSamples.sameJson(line, CostRecordJson.toJson(r)))
                .as(line.toString())
                .isTrue();
        assertThat(fieldNames(line)).containsExactlyElementsOf(CostRecordJson.KEYS);
    }

    @Test
    void roundTripsThroughFromJson() {
        for (CostRecord r :
                List.of(CostRecordSamples.full(), CostRecordSamples.unreported(), CostRecordSamples.batchLine())) {
            assertThat(CostRecordJson.fromJson(Json.parse(format.line(r)))).isEqualTo(CostRecordSamples.asReadBack(r));
        }
    }

    @Test
    void aProviderBatchLineSaysBatchBillingWithItsProviderJobAndNoLatency() {
        JsonNode line = Json.parse(format.line(CostRecordSamples.batchLine()));
        assertThat(line.get("billing").asText()).isEqualTo("batch");
        assertThat(line.get("provider_job_id").asText()).isEqualTo("batch_provider_123");
        assertThat(line.get("latency_ms").isNull()).isTrue();
        assertThat(line.get("ttft_ms").isNull()).isTrue();
        assertThat(Json.parse(format.line(CostRecordSamples.full()))
                        .get("billing")
                        .asText())
                .isEqualTo("on_demand");
    }

    @Test
    void aRecordWrittenBeforeBillingExistedReadsAsOnDemand() {
        var old = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(format.line(CostRecordSamples.full()));
        old.remove("billing");
        old.remove("provider_job_id");
        assertThat(CostRecordJson.fromJson(old).billing()).isEqualTo(CostRecord.ON_DEMAND);
    }

    @Test
    void notReportedStaysNullNotZero() {
        JsonNode line = Json.parse(format.line(CostRecordSamples.unreported()));
        for (String key : List.of(
                "input_tokens",
                "output_tokens",
                "cache_read_tokens",
                "cache_write_tokens",
                "reasoning_tokens",
                "cost_usd",
                "ttft_ms")) {
            assertThat(line.get(key).isNull()).as(key).isTrue();
        }
    }

    @Test
    void smallCostsAreWrittenPlainAndTheLineIsOneLine() {
        String line = format.line(CostRecordSamples.full());
        assertThat(line)
                .contains("\"cost_usd\":0.00000015")
                .doesNotContain("E-")
                .doesNotContain("\n");
    }

    @Test
    void aTagWithANewlineCannotBreakTheLine() {
        CostRecord r = CostRecordSamples.full();
        CostRecord odd = new CostRecord(
                r.timestamp(),
                r.requestId(),
                1,
                r.route(),
                r.provider(),
                r.model(),
                r.outcome(),
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "unknown",
                1L,
                null,
                List.of("a\nb"),
                null,
                null,
                null,
                null,
                CostRecord.ON_DEMAND,
                null);
        String line = format.line(odd);
        assertThat(line).doesNotContain("\n");
        assertThat(CostRecordJson.fromJson(Json.parse(line)).tags()).containsExactly("a\nb");
    }

    /**
     * The streamed line (no tree) is byte for byte the tree written by the line writer, for every sample, for odd
     * text (escapes, non-ASCII, a cut value) and for costs whose BigDecimal form has an exponent or trailing zeros.
     */
    @Test
    void theStreamedLineIsByteForByteTheTreeLine() {
        CostRecord r = CostRecordSamples.full();
        List<CostRecord> records = new java.util.ArrayList<>(
                List.of(CostRecordSamples.full(), CostRecordSamples.unreported(), CostRecordSamples.batchLine()));
        for (String cost : List.of("3.75E-7", "0.0000054", "12.500", "1E+3", "0")) {
            records.add(new CostRecord(
                    r.timestamp(),
                    "req_\"q\u00e9\u2028\ud83d\ude00",
                    2,
                    null,
                    r.provider(),
                    "m\t\u0001" + "x".repeat(300),
                    "rate_limited",
                    true,
                    1L,
                    Long.MAX_VALUE,
                    0L,
                    null,
                    7L,
                    new java.math.BigDecimal(cost),
                    "v1",
                    "known",
                    0L,
                    3L,
                    List.of("a\nb", "\u00fc", ""),
                    "job",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                    "key",
                    "tenant",
                    CostRecord.ON_DEMAND,
                    null));
        }
        for (CostRecord rec : records) {
            String tree = LineWriter.write(CostRecordJson.toJson(rec));
            assertThat(format.line(rec)).isEqualTo(tree);
            assertThat(format.lineBytes(rec))
                    .isEqualTo((tree + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
