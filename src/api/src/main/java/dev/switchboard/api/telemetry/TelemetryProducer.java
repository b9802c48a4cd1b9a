package dev.switchboard.api.telemetry;

import dev.switchboard.core.telemetry.GatewayObserver;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's observer: OpenTelemetry when the SDK is on (an OTLP endpoint or the Prometheus endpoint is
 * configured, see {@link TelemetrySwitch}), nothing at all otherwise, so telemetry that is off costs nothing on the
 * request path. Batch runtimes inject the same bean to count their lines.
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
        return new OtelGatewayObserver(otel, config.captureContent());
    }
}
