package dev.switchboard.core.telemetry;

import java.util.Map;

/** One upstream attempt being observed; see {@link GatewayObserver#attemptStarted}. */
public interface AttemptObservation {
    AttemptObservation NONE = new AttemptObservation() {};

    /**
     * Headers that carry the attempt's trace context to the upstream (W3C {@code traceparent}, ...), so that
     * providers and self-hosted servers that trace join the caller's trace. Empty when nothing is traced.
     */
    default Map<String, String> traceHeaders() {
        return Map.of();
    }

    /** The attempt is over; called once. */
    default void finished(AttemptEnd end) {}
}
