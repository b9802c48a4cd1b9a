package dev.switchboard.core.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * When a target's circuit opens and for how long. The circuit opens after {@code consecutiveFailures} failures in
 * a row, or when at least {@code minCalls} of the last {@code window} calls were made and the share of failures
 * among them reaches {@code failureRate}. It stays open for {@code cooldown}, then admits one probe; a failed
 * probe reopens it for twice the previous cooldown, at most {@code maxCooldown}; a successful one closes it and
 * resets the cooldown.
 *
 * @param enabled false: every call passes and nothing is counted
 */
public record CircuitBreakerConfig(
        boolean enabled,
        int consecutiveFailures,
        double failureRate,
        int window,
        int minCalls,
        Duration cooldown,
        Duration maxCooldown) {

    /** 5 in a row, or half of the last 20 calls (once 10 were made); 30 s cooldown, doubling up to 5 min. */
    public static final CircuitBreakerConfig DEFAULT =
            new CircuitBreakerConfig(true, 5, 0.5, 20, 10, Duration.ofSeconds(30), Duration.ofMinutes(5));

    public static final CircuitBreakerConfig DISABLED =
            new CircuitBreakerConfig(false, 5, 0.5, 20, 10, Duration.ofSeconds(30), Duration.ofMinutes(5));

    public CircuitBreakerConfig {
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(maxCooldown, "maxCooldown");
        if (consecutiveFailures < 1) throw new IllegalArgumentException("consecutive-failures: must be at least 1");
        if (!(failureRate > 0 && failureRate <= 1))
            throw new IllegalArgumentException("failure-rate: must be in (0, 1]");
        if (window < 1) throw new IllegalArgumentException("window: must be at least 1");
        if (minCalls < 1 || minCalls > window) throw new IllegalArgumentException("min-calls: must be in 1..window");
        if (cooldown.isNegative() || cooldown.isZero())
            throw new IllegalArgumentException("cooldown: must be positive");
        if (maxCooldown.compareTo(cooldown) < 0)
            throw new IllegalArgumentException("max-cooldown: must be >= cooldown");
    }
}
