package dev.switchboard.core.routing;

import dev.switchboard.core.model.ModelRef;
import java.time.Duration;

/**
 * A read-only view of one target's circuit, for diagnostics endpoints and tests.
 *
 * @param consecutiveFailures failures since the last success (CLOSED)
 * @param windowCalls         calls in the sliding window (CLOSED), at most the configured window
 * @param windowFailures      failures among them
 * @param cooldown            how long the circuit stays (or would next stay) open
 * @param retryIn             time left before an OPEN circuit admits a probe; zero otherwise
 * @param timesOpened         how often the circuit opened since the process started
 */
public record CircuitSnapshot(
        ModelRef target,
        CircuitState state,
        int consecutiveFailures,
        int windowCalls,
        int windowFailures,
        Duration cooldown,
        Duration retryIn,
        long timesOpened) {

    /** Share of failures in the window; 0 when it is empty. */
    public double failureRate() {
        return windowCalls == 0 ? 0 : (double) windowFailures / windowCalls;
    }
}
