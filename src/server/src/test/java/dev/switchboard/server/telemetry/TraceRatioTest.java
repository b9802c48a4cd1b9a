package dev.switchboard.server.telemetry;

import static dev.switchboard.server.telemetry.Exported.hex;
import static dev.switchboard.server.telemetry.Exported.text;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The share of traced requests is chosen at run time ({@code quarkus.otel.traces.sampler.arg} /
 * {@code OTEL_TRACES_SAMPLER_ARG}, the sampler being {@code parentbased_traceidratio}): at 0, a request that arrives
 * without a trace is not traced, while one whose caller sampled its trace still is, and the metrics count both.
 */
@QuarkusTest
@TestProfile(TraceRatioTest.NoRootTraces.class)
class TraceRatioTest {

    public static class NoRootTraces extends TelemetryProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new LinkedHashMap<>(super.getConfigOverrides());
            c.put("quarkus.otel.traces.sampler.arg", "0");
            return c;
        }
    }

    private static String chat(String model) {
        return "{\"model\":\"emu/" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    @Test
    void atRatioZeroOnlyCallersSampledTracesAreExportedAndEveryRequestIsCounted() {
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String rootModel = "emulator-ratio-root-" + tag;
        given().contentType("application/json")
                .body(chat(rootModel))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);

        // sent after the root request: once its spans are exported, the root request's would have been too
        String trace = Exported.newTraceId();
        given().header("traceparent", Exported.traceparent(trace))
                .contentType("application/json")
                .body(chat("emulator-ratio-parent-" + tag))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        List<Span> sampled = Exported.trace(TelemetryProfile.receiver(), trace, 2);
        assertThat(sampled)
                .extracting(Span::getKind)
                .containsExactlyInAnyOrder(Span.SpanKind.SPAN_KIND_SERVER, Span.SpanKind.SPAN_KIND_CLIENT);

        assertThat(TelemetryProfile.receiver().spans())
                .as("spans of traces no caller sampled")
                .allSatisfy(s -> assertThat(hex(s.getTraceId())).isEqualTo(trace))
                .noneSatisfy(s -> assertThat(text(s, "gen_ai.request.model")).isEqualTo(rootModel));

        Exported.await(
                "the untraced request's duration point",
                () -> Exported.newest(
                        TelemetryProfile.receiver(),
                        "gen_ai.client.operation.duration",
                        m -> Exported.histogramPoint(m, "gen_ai.request.model", rootModel)));
    }
}
