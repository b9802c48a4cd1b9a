package dev.switchboard.api.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Telemetry is off unless an endpoint (or the Prometheus endpoint) asks for it; OTEL_* names work too. */
class TelemetrySwitchTest {
    /** What Quarkus's own mapping declares as defaults. */
    private static final Map<String, String> QUARKUS_DEFAULTS = Map.of(TelemetrySwitch.SDK_DISABLED, "false");

    private static SmallRyeConfig config(Map<String, String> set) {
        return new SmallRyeConfigBuilder()
                .withDefaultValues(QUARKUS_DEFAULTS)
                .withSources(new PropertiesConfigSource(set, "application", 250))
                .withInterceptors(new TelemetrySwitch())
                .build();
    }

    private static String value(SmallRyeConfig c, String key) {
        return c.getRawValue(key);
    }

    @Test
    void nothingConfiguredMeansTheSdkIsOff() {
        assertThat(value(config(Map.of()), TelemetrySwitch.SDK_DISABLED)).isEqualTo("true");
    }

    @Test
    void anOtlpEndpointTurnsItOnWithTheDefaultSampler() {
        SmallRyeConfig c = config(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317"));
        assertThat(value(c, TelemetrySwitch.SDK_DISABLED)).isEqualTo("false");
        assertThat(c.getOptionalValue(TelemetrySwitch.TRACES_ENDPOINT, String.class))
                .isEmpty();
    }

    @Test
    void theStandardOtelNamesWorkAsFallbacks() {
        SmallRyeConfig c = config(Map.of(
                "otel.exporter.otlp.traces.endpoint", "http://collector:4318", "otel.traces.sampler.arg", "0.25"));
        assertThat(value(c, TelemetrySwitch.SDK_DISABLED)).isEqualTo("false");
        assertThat(value(c, "quarkus.otel.traces.sampler.arg")).isEqualTo("0.25");
        assertThat(value(c, "quarkus.otel.exporter.otlp.traces.endpoint")).isEqualTo("http://collector:4318");
        SmallRyeConfig common = config(Map.of(
                "otel.exporter.otlp.endpoint",
                "http://collector:4318",
                "otel.exporter.otlp.protocol",
                "http/protobuf"));
        assertThat(value(common, "quarkus.otel.exporter.otlp.traces.protocol")).isEqualTo("http/protobuf");
        assertThat(value(common, "quarkus.otel.exporter.otlp.metrics.protocol")).isEqualTo("http/protobuf");
    }

    @Test
    void prometheusAloneKeepsTheSdkOnWithBlankOtlpEndpoints() {
        SmallRyeConfig c = config(Map.of(TelemetrySwitch.PROMETHEUS, "true"));
        assertThat(value(c, TelemetrySwitch.SDK_DISABLED)).isEqualTo("false");
        for (String key : new String[] {TelemetrySwitch.TRACES_ENDPOINT, TelemetrySwitch.METRICS_ENDPOINT}) {
            // what Quarkus's optional endpoint reads: present and blank, which it trims to "no exporter"
            assertThat(c.getOptionalValue(key, String.class)).as(key).hasValue(" ");
        }
    }

    @Test
    void prometheusAloneMakesNoSpans() {
        SmallRyeConfig c = config(Map.of(TelemetrySwitch.PROMETHEUS, "true"));
        assertThat(value(c, TelemetrySwitch.SERVER_SPANS)).isEqualTo("false");
        assertThat(TelemetrySwitch.tracesExported(c)).isFalse();
    }

    @Test
    void anEndpointMeansSpansAreMadeAndExported() {
        for (String key : new String[] {"quarkus.otel.exporter.otlp.endpoint", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"}) {
            SmallRyeConfig c = new SmallRyeConfigBuilder()
                    .withDefaultValues(QUARKUS_DEFAULTS)
                    .withSources(new PropertiesConfigSource(
                            Map.of(
                                    key.startsWith("OTEL") ? "otel.exporter.otlp.traces.endpoint" : key,
                                    "http://c:4318"),
                            "application",
                            250))
                    .withInterceptors(new TelemetrySwitch())
                    .build();
            // the server span is Switchboard's own, Quarkus's instrumentation stays off
            assertThat(value(c, TelemetrySwitch.SERVER_SPANS)).as(key).isEqualTo("false");
            assertThat(TelemetrySwitch.tracesExported(c)).as(key).isTrue();
            assertThat(ServerSpans.enabled(c)).as(key).isTrue();
        }
        assertThat(TelemetrySwitch.tracesExported(config(Map.of()))).isFalse();
        assertThat(ServerSpans.enabled(config(Map.of()))).isFalse();
        assertThat(ServerSpans.enabled(config(Map.of(TelemetrySwitch.PROMETHEUS, "true"))))
                .isFalse();
    }

    @Test
    void quarkusServerSpansAskedForReplaceSwitchboardsOwn() {
        SmallRyeConfig c = config(Map.of(
                "quarkus.otel.exporter.otlp.endpoint", "http://collector:4317", TelemetrySwitch.SERVER_SPANS, "true"));
        assertThat(value(c, TelemetrySwitch.SERVER_SPANS)).isEqualTo("true");
        assertThat(ServerSpans.enabled(c))
                .as("never two server spans for one request")
                .isFalse();
    }

    @Test
    void explicitSettingsWin() {
        SmallRyeConfig c = config(Map.of(
                "quarkus.otel.exporter.otlp.endpoint", "http://collector:4317", TelemetrySwitch.SDK_DISABLED, "true"));
        assertThat(value(c, TelemetrySwitch.SDK_DISABLED)).isEqualTo("true");
    }
}
