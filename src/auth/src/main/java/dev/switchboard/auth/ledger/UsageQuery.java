package dev.switchboard.auth.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * Window rows of kind {@code window} whose start is in {@code [from, to)}, for one key or (keyId null) all keys.
 */
public record UsageQuery(Window window, Instant from, Instant to, String keyId) {

    public UsageQuery {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (window == Window.MINUTE) {
            throw new IllegalArgumentException("usage is kept per DAY and MONTH only");
        }
    }
}
