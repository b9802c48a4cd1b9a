package dev.switchboard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LenientFieldsTest {
    private static final Instant AT = Instant.parse("2025-05-01T10:00:00.123456Z");

    @Test
    void timestampsInEveryShapeAPipelineWrites() {
        for (String ts : new String[] {
            "2025-05-01T10:00:00.123456Z",
            "2025-05-01 10:00:00.123456 UTC",
            "2025-05-01 10:00:00.123456+00",
            "2025-05-01T12:00:00.123456+02:00",
            "2025-05-01 10:00:00.123456",
            "2025-05-01T10:00:00.123456+0000",
            "1746093600.123456"
        }) {
            assertThat(LenientFields.instant(Json.NODES.textNode(ts))).as(ts).isEqualTo(AT);
        }
        assertThat(LenientFields.instant(Json.NODES.numberNode(1746093600123L)))
                .isEqualTo(Instant.ofEpochMilli(1746093600123L));
        assertThat(LenientFields.instant(Json.NODES.textNode("2025-05-01 10:00:00 UTC")))
                .isEqualTo(Instant.parse("2025-05-01T10:00:00Z"));
        assertThat(LenientFields.instant(Json.NODES.textNode("yesterday"))).isNull();
    }

    @Test
    void numbersAsStringsAndDoublesBecomeNumbers() {
        ObjectNode o = (ObjectNode) Json.parse("{\"timestamp\":\"2025-05-01 10:00:00 UTC\",\"attempt\":\"2\","
                + "\"input_tokens\":\"1000\",\"output_tokens\":5.0,\"ttft_ms\":\"\",\"cost_usd\":\"1.5E-7\","
                + "\"stream\":\"true\",\"tags\":\"solo\",\"latency_ms\":\"12.5\"}");
        ObjectNode n = LenientFields.normalize(o);
        assertThat(n.get("timestamp").asText()).isEqualTo("2025-05-01T10:00:00Z");
        assertThat(n.get("attempt").isIntegralNumber()).isTrue();
        assertThat(n.get("input_tokens").asLong()).isEqualTo(1000);
        assertThat(n.get("output_tokens").isIntegralNumber()).isTrue();
        assertThat(n.get("ttft_ms").asText()).isEmpty(); // not a number: left for the strict reader, which reads null
        assertThat(n.get("cost_usd").decimalValue()).isEqualByComparingTo("0.00000015");
        assertThat(n.get("stream").asBoolean()).isTrue();
        assertThat(n.get("tags")).hasSize(1);
        assertThat(n.get("latency_ms").asText()).isEqualTo("12.5"); // a fraction is not silently truncated
        assertThat(o.get("attempt").isTextual()).isTrue(); // the input is not changed
    }
}
