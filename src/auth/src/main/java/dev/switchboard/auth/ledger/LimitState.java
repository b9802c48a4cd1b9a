package dev.switchboard.auth.ledger;

import java.time.Instant;

/**
 * A limit and its counter's value as the ledger saw it atomically: after the reservation when admitted, before
 * (unchanged) when denied.
 */
public record LimitState(Limit limit, long used, Instant resetsAt) {

    public long remaining() {
        return Math.max(0, limit.max() - used);
    }

    public boolean reached() {
        return used >= limit.max();
    }
}
