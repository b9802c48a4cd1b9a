package dev.switchboard.server;

import dev.switchboard.api.telemetry.TelemetryConfig;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.quarkus.arc.Unremovable;
import io.quarkus.opentelemetry.runtime.AutoConfiguredOpenTelemetrySdkBuilderCustomizer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /q/metrics}: the gateway's OpenTelemetry metrics in the Prometheus text format, read by a pull reader
 * registered on the same meter provider that pushes OTLP, so both show the same instruments. The local server only
 * ({@code switchboard.telemetry.prometheus.enabled}); the functions push OTLP.
 */
@Singleton
@Unremovable
public class PrometheusEndpoint implements AutoConfiguredOpenTelemetrySdkBuilderCustomizer {
    static final String PATH = "/q/metrics";

    private final boolean enabled;
    // no otel_scope_* labels and no resource attributes on every series: one process, one service
    private final PrometheusMetricReader reader = new PrometheusMetricReader(false, attribute -> false);
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    PrometheusEndpoint(TelemetryConfig config) {
        this.enabled = config.prometheus().enabled();
    }

    @Override
    public void customize(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        if (enabled) builder.addMeterProviderCustomizer((meters, properties) -> meters.registerMetricReader(reader));
    }

    void install(@Observes Router router) {
        if (!enabled) return;
        router.get(PATH).handler(rc -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            try {
                writer.write(out, reader.collect());
            } catch (IOException e) {
                rc.fail(e);
                return;
            }
            rc.response().putHeader("content-type", writer.getContentType()).end(Buffer.buffer(out.toByteArray()));
        });
    }
}
