package dev.switchboard.auth.ledger;

import java.util.Objects;

/**
 * A ceiling on one counter in one window, e.g. (DAY, COST_NANO_USD, 5_000_000_000) for $5 a day. The limit is
 * reached when the counter (settled + reserved) is {@code >= max}; a request is admitted while every limit is
 * below its max.
 */
public record Limit(Window window, Counter counter, long max) {

    public Limit {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(counter, "counter");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative");
        }
    }

    /** A budget (cost) limit, as opposed to a rate limit. */
    public boolean budget() {
        return counter == Counter.COST_NANO_USD;
    }
}
