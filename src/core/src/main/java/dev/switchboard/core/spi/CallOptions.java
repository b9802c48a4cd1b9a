package dev.switchboard.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-call limits. {@code timeout} bounds a whole non-streamed call, or a stream until the upstream accepts it;
 * {@code idleTimeout} bounds the wait for each next stream event.
 */
public record CallOptions(Duration timeout, Duration idleTimeout) {
    public static final CallOptions DEFAULT = new CallOptions(Duration.ofSeconds(600), Duration.ofSeconds(120));

    public CallOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    public CallOptions withTimeout(Duration newTimeout) {
        return new CallOptions(newTimeout, idleTimeout);
    }
}
