package dev.switchboard.api.telemetry;

import dev.switchboard.core.telemetry.GatewayObserver;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's observer: OpenTelemetry when the SDK is on (an OTLP endpoint or the Prometheus endpoint is
 * configured, see {@link TelemetrySwitch}), nothing at all otherwise, so telemetry that is off costs nothing on the
 * request path. Attempt spans only when spans are exported (an OTLP endpoint); Prometheus alone gets metrics alone.
 * Batch runtimes inject the same bean to count their lines.
 */
@Singleton
public class TelemetryProducer {

    @Produces
    @Singleton
    GatewayObserver observer(
            OpenTelemetry otel,
            TelemetryConfig config,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled) {
        if (sdkDisabled) return GatewayObserver.NONE;
        boolean traced = TelemetrySwitch.tracesExported(ConfigProvider.getConfig());
        return new OtelGatewayObserver(
                otel, traced ? otel.getTracer(OtelGatewayObserver.SCOPE) : null, config.captureContent());
    }
}
