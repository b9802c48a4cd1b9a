package dev.switchboard.core.telemetry;

import dev.switchboard.core.model.ModelRef;

/**
 * Hears what the gateway does, for traces and metrics, without the core knowing any telemetry library: the
 * Quarkus layer implements it with OpenTelemetry, the default does nothing. Every method is called on the
 * request's path (circuit changes under the breaker's lock), so implementations must be cheap and must never
 * throw; the gateway does not guard against them.
 */
public interface GatewayObserver {
    GatewayObserver NONE = new GatewayObserver() {};

    /**
     * An upstream attempt is about to be made, on the thread that makes it (its caller's trace context is current
     * there). The returned observation is finished exactly once: when the attempt failed, when its answer was
     * complete, or when its stream ended.
     */
    default AttemptObservation attemptStarted(AttemptStart start) {
        return AttemptObservation.NONE;
    }

    /** A request through the gateway is over: answered (for a stream: started), or failed with {@code outcome}. */
    default void requestFinished(RequestEnd end) {}

    /**
     * A target's circuit changed state; states are the lower-case names of the routing layer's circuit states
     * ({@code closed}, {@code open}, {@code half_open}), so telemetry does not depend on routing.
     */
    default void circuitChanged(ModelRef target, String from, String to) {}

    /**
     * Lines of a batch job were collected (for the batch engine; it calls this itself).
     *
     * @param outcome "ok" or the line's error kind
     */
    default void batchLines(String provider, String model, String outcome, long count) {}
}
