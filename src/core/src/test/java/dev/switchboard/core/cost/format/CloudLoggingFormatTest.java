package dev.switchboard.core.cost.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostRecordJson;
import dev.switchboard.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudLoggingFormatTest {
    private final CloudLoggingFormat format = new CloudLoggingFormat("demo-project");

    @Test
    void okRecordIsInfoWithMessageTimeAndLabels() {
        CostRecord r = CostRecordSamples.full();
        String text = format.line(r);
        assertThat(text).doesNotContain("\n");
        JsonNode line = Json.parse(text);
        assertThat(line.get("severity").asText()).isEqualTo("INFO");
        assertThat(line.get("message").asText()).isEqualTo("switchboard cost record");
        assertThat(line.get("time").asText()).isEqualTo("2025-05-01T10:00:00.123456Z");
        assertThat(line.get("logging.googleapis.com/labels"))
                .isEqualTo(
                        Json.parse(
                                "{\"switchboard_record\":\"cost\",\"provider\":\"openai\",\"model\":\"gpt-4o\",\"route\":\"chat\",\"outcome\":\"ok\"}"));
    }

    @Test
    void errorRecordIsWarning() {
        JsonNode line = Json.parse(format.line(CostRecordSamples.unreported()));
        assertThat(line.get("severity").asText()).isEqualTo("WARNING");
        assertThat(line.at("/logging.googleapis.com~1labels/outcome").asText()).isEqualTo("rate_limited");
    }

    @Test
    void traceBecomesTheTraceResourceNameWithHexSpanAndSampling() {
        JsonNode line = Json.parse(format.line(CostRecordSamples.full()));
        assertThat(line.get("logging.googleapis.com/trace").asText())
                .isEqualTo("projects/demo-project/traces/4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.get("logging.googleapis.com/spanId").asText()).isEqualTo("000000000000007b");
        assertThat(line.get("logging.googleapis.com/trace_sampled").isBoolean()).isTrue();
        assertThat(line.get("logging.googleapis.com/trace_sampled").asBoolean()).isTrue();
    }

    @Test
    void noTraceKeysWithoutATraceOrWithoutAProject() {
        JsonNode noTrace = Json.parse(format.line(CostRecordSamples.unreported()));
        JsonNode noProject = Json.parse(new CloudLoggingFormat(null).line(CostRecordSamples.full()));
        for (JsonNode line : List.of(noTrace, noProject)) {
            assertThat(line.has("logging.googleapis.com/trace")).isFalse();
            assertThat(line.has("logging.googleapis.com/spanId")).isFalse();
            assertThat(line.has("logging.googleapis.com/trace_sampled")).isFalse();
        }
    }

    @Test
    void traceWithoutSpanOrSamplingHasOnlyTheTrace() {
        CostRecord r = withTrace("4bf92f3577b34da6a3ce929d0e0e4736");
        JsonNode line = Json.parse(format.line(r));
        assertThat(line.has("logging.googleapis.com/trace")).isTrue();
        assertThat(line.has("logging.googleapis.com/spanId")).isFalse();
        assertThat(line.has("logging.googleapis.com/trace_sampled")).isFalse();
        assertThat(Json.parse(format.line(withTrace("4bf92f3577b34da6a3ce929d0e0e4736/5;o=0")))
                        .get("logging.googleapis.com/trace_sampled")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aMalformedTraceHeaderIsDroppedNotFatal() {
        JsonNode line = Json.parse(format.line(withTrace("garbage; o=1")));
        assertThat(line.has("logging.googleapis.com/trace")).isFalse();
        assertThat(line.get("request_id").asText()).isEqualTo("req_1");
    }

    @Test
    void allCanonicalFieldsAreTopLevelForJsonPayload() {
        CostRecord r = CostRecordSamples.full();
        JsonNode line = Json.parse(format.line(r));
        JsonNode canonical = CostRecordJson.toJson(r);
        for (String key : CostRecordJson.KEYS) {
            assertThat(CostRecordSamples.sameJson(line.get(key), canonical.get(key)))
                    .as(key)
                    .isTrue();
        }
        assertThat(CostRecordJson.fromJson(line)).isEqualTo(CostRecordSamples.asReadBack(r));
    }

    @Test
    void aNullRouteIsLeftOutOfTheLabels() {
        CostRecord r = CostRecordSamples.unreported();
        CostRecord noRoute = new CostRecord(
                r.timestamp(),
                "req_x",
                1,
                null,
                "openai",
                "gpt-4o",
                "ok",
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "known",
                1L,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                CostRecord.ON_DEMAND,
                null);
        JsonNode labels = Json.parse(format.line(noRoute)).get("logging.googleapis.com/labels");
        assertThat(labels.has("route")).isFalse();
        assertThat(labels.get("switchboard_record").asText()).isEqualTo("cost");
    }

    @Test
    void projectComesFromTheEnvironment() {
        assertThat(CloudLoggingFormat.fromEnvironment(Map.of("GOOGLE_CLOUD_PROJECT", "p1", "GCP_PROJECT", "p2"))
                        .projectId())
                .isEqualTo("p1");
        assertThat(CloudLoggingFormat.fromEnvironment(Map.of("GCP_PROJECT", "p2"))
                        .projectId())
                .isEqualTo("p2");
        assertThat(CloudLoggingFormat.fromEnvironment(Map.of()).projectId()).isNull();
        assertThat(new CloudLoggingFormat(" ").projectId()).isNull();
    }

    private static CostRecord withTrace(String trace) {
        CostRecord r = CostRecordSamples.full();
        return CostRecordSamples.with(r, trace, r.keyId(), r.tenant());
    }
}
