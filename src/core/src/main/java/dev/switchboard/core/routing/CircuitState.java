package dev.switchboard.core.routing;

/** Where a target's circuit breaker stands. */
public enum CircuitState {
    /** Calls pass; failures are counted. */
    CLOSED,
    /** Calls are refused until the cooldown has passed; the route skips the target. */
    OPEN,
    /** The cooldown has passed: one probe call is let through, its outcome closes or reopens the circuit. */
    HALF_OPEN
}
