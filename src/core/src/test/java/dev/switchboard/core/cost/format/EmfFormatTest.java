package dev.switchboard.core.cost.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostRecordJson;
import dev.switchboard.core.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parses the emitted line, as CloudWatch would, and checks the directive and every value. */
class EmfFormatTest {
    private static final List<String> ALL_METRICS = List.of(
            "InputTokens",
            "OutputTokens",
            "CacheReadTokens",
            "CacheWriteTokens",
            "ReasoningTokens",
            "CostUsd",
            "LatencyMs",
            "TtftMs");
    private static final Map<String, String> UNITS = Map.of(
            "InputTokens",
            "Count",
            "OutputTokens",
            "Count",
            "CacheReadTokens",
            "Count",
            "CacheWriteTokens",
            "Count",
            "ReasoningTokens",
            "Count",
            "CostUsd",
            "None",
            "LatencyMs",
            "Milliseconds",
            "TtftMs",
            "Milliseconds");

    @Test
    void directiveHasTimestampNamespaceDimensionsAndAllMetrics() {
        CostRecord r = CostRecordSamples.full();
        String text = EmfFormat.defaults().line(r);
        assertThat(text).doesNotContain("\n");
        JsonNode line = Json.parse(text);

        JsonNode aws = line.get("_aws");
        assertThat(aws.get("Timestamp").isIntegralNumber()).isTrue();
        assertThat(aws.get("Timestamp").asLong()).isEqualTo(r.timestamp().toEpochMilli());
        assertThat(aws.get("CloudWatchMetrics")).hasSize(1);
        JsonNode directive = aws.get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("Switchboard");
        assertThat(directive.get("Dimensions"))
                .isEqualTo(Json.parse("[[\"provider\",\"model\",\"route\",\"outcome\"],[]]"));

        List<String> names = new ArrayList<>();
        for (JsonNode m : directive.get("Metrics")) {
            names.add(m.get("Name").asText());
            assertThat(m.get("Unit").asText())
                    .as(m.get("Name").asText())
                    .isEqualTo(UNITS.get(m.get("Name").asText()));
            assertThat(fieldCount(m)).isEqualTo(2);
        }
        assertThat(names).containsExactlyElementsOf(ALL_METRICS);
        assertThat(line.get("record_type").asText()).isEqualTo("switchboard.cost");
    }

    @Test
    void metricValuesAreTopLevelNumbers() {
        JsonNode line = Json.parse(EmfFormat.defaults().line(CostRecordSamples.full()));
        Map<String, Long> whole = Map.of(
                "InputTokens",
                1000L,
                "OutputTokens",
                200L,
                "CacheReadTokens",
                100L,
                "CacheWriteTokens",
                50L,
                "ReasoningTokens",
                30L,
                "LatencyMs",
                812L,
                "TtftMs",
                210L);
        whole.forEach((name, value) -> {
            assertThat(line.get(name).isIntegralNumber()).as(name).isTrue();
            assertThat(line.get(name).asLong()).as(name).isEqualTo(value);
        });
        assertThat(line.get("CostUsd").isNumber()).isTrue();
        assertThat(line.get("CostUsd").decimalValue()).isEqualByComparingTo(new BigDecimal("0.00000015"));
    }

    @Test
    void everyCanonicalFieldIsAPropertyWithItsCanonicalValue() {
        CostRecord r = CostRecordSamples.full();
        JsonNode line = Json.parse(EmfFormat.defaults().line(r));
        JsonNode canonical = CostRecordJson.toJson(r);
        for (String key : CostRecordJson.KEYS) {
            assertThat(CostRecordSamples.sameJson(line.get(key), canonical.get(key)))
                    .as(key)
                    .isTrue();
        }
        assertThat(line.get("request_id").asText()).isEqualTo("req_1"); // ids are properties, not dimensions
        assertThat(CostRecordJson.fromJson(line)).isEqualTo(CostRecordSamples.asReadBack(r));
    }

    @Test
    void notReportedValuesAreLeftOutOfMetricsAndValues() {
        JsonNode line = Json.parse(EmfFormat.defaults().line(CostRecordSamples.unreported()));
        JsonNode metrics = line.at("/_aws/CloudWatchMetrics/0/Metrics");
        assertThat(metrics).hasSize(1);
        assertThat(metrics.get(0).get("Name").asText()).isEqualTo("LatencyMs");
        for (String name : ALL_METRICS) {
            if (!name.equals("LatencyMs")) assertThat(line.has(name)).as(name).isFalse();
        }
        assertThat(line.get("LatencyMs").asLong()).isEqualTo(120);
        // the canonical properties still say null: not reported, not zero
        assertThat(line.get("cost_usd").isNull()).isTrue();
        assertThat(line.get("input_tokens").isNull()).isTrue();
    }

    @Test
    void aProviderBatchLineHasNoLatencyMetricAndItsBillingAsAProperty() {
        JsonNode line = Json.parse(EmfFormat.defaults().line(CostRecordSamples.batchLine()));
        assertThat(line.get("billing").asText()).isEqualTo("batch");
        assertThat(line.has("LatencyMs")).isFalse();
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics").findValuesAsText("Name"))
                .doesNotContain("LatencyMs", "TtftMs")
                .contains("CostUsd");
    }

    @Test
    void zeroIsReportedAsZero() {
        CostRecord r = CostRecordSamples.full();
        CostRecord zero = new CostRecord(
                r.timestamp(),
                "req_0",
                1,
                "chat",
                "openai",
                "gpt-4o",
                "ok",
                false,
                0L,
                0L,
                null,
                null,
                null,
                BigDecimal.ZERO,
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
        JsonNode line = Json.parse(EmfFormat.defaults().line(zero));
        assertThat(line.get("InputTokens").asLong()).isZero();
        assertThat(line.get("CostUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics")).hasSize(4);
    }

    @Test
    void namespaceIsConfigurable() {
        JsonNode line = Json.parse(new EmfFormat("Switchboard/prod").line(CostRecordSamples.full()));
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("Switchboard/prod");
        assertThatThrownBy(() -> new EmfFormat(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmfFormat("x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNullDimensionBecomesAPlaceholderSoTheDirectiveStaysValid() {
        CostRecord r = CostRecordSamples.full();
        CostRecord noRoute = new CostRecord(
                r.timestamp(),
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
        JsonNode line = Json.parse(EmfFormat.defaults().line(noRoute));
        for (String d : EmfFormat.DIMENSIONS)
            assertThat(line.get(d).isTextual()).as(d).isTrue();
        assertThat(line.get("route").asText()).isEqualTo(EmfFormat.NO_VALUE);
    }

    @Test
    void smallCostsAreWrittenPlain() {
        String text = EmfFormat.defaults().line(CostRecordSamples.full());
        assertThat(text)
                .contains("\"CostUsd\":0.00000015")
                .contains("\"cost_usd\":0.00000015")
                .doesNotContain("E-");
    }

    @Test
    void theTraceIdIsAPropertyNeverADimension() {
        JsonNode line = Json.parse(EmfFormat.defaults().line(CostRecordSamples.full()));
        assertThat(line.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString()).doesNotContain("trace");
    }

    private static int fieldCount(JsonNode n) {
        int[] count = {0};
        n.fieldNames().forEachRemaining(f -> count[0]++);
        return count[0];
    }
}
