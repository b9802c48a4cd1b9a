package dev.switchboard.api.telemetry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Switchboard's own telemetry settings. Export itself (endpoint, protocol, sampling, service name) is configured by
 * the standard {@code quarkus.otel.*} keys or their {@code OTEL_*} variables; see README, "Telemetry".
 */
@ConfigMapping(prefix = "switchboard.telemetry")
public interface TelemetryConfig {

    /**
     * Record prompts and completions on attempt spans ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}).
     * Off by default: they are the callers' data, and spans usually leave the operator's trust boundary.
     */
    @WithDefault("false")
    boolean captureContent();

    /** {@code GET /q/metrics} in the Prometheus format (local server only). */
    Prometheus prometheus();

    interface Prometheus {
        @WithDefault("false")
        boolean enabled();
    }
}
