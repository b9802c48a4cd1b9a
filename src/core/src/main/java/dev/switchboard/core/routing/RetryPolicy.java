package dev.switchboard.core.routing;

import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import java.time.Duration;
import java.util.Objects;

/**
 * How often one target is tried before the route moves on, and how long to wait in between.
 *
 * @param maxAttempts   tries per target, the first included (1: no retry)
 * @param baseDelay     the backoff ceiling of the first retry; it doubles with every further retry...
 * @param maxDelay      ...up to this
 * @param retryAfterCap the longest upstream Retry-After the gateway waits for; a longer one moves on to the next
 *                      target instead (waiting less than asked would only earn another 429)
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration retryAfterCap) {

    /** One retry, short waits: enough to ride out a blip without holding the caller long. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(2, Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(10));

    /** Each target once. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("max-attempts: must be at least 1");
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(retryAfterCap, "retryAfterCap");
        if (baseDelay.isNegative()) throw new IllegalArgumentException("base-delay: must not be negative");
        if (maxDelay.compareTo(baseDelay) < 0) throw new IllegalArgumentException("max-delay: must be >= base-delay");
        if (retryAfterCap.isNegative()) throw new IllegalArgumentException("retry-after-cap: must not be negative");
    }

    /**
     * Full-jitter backoff before retry number {@code retry} (0 for the first retry):
     * {@code unit · min(maxDelay, baseDelay · 2^retry)}, with {@code unit} uniform in [0, 1).
     */
    public Duration backoff(int retry, double unit) {
        long base = baseDelay.toNanos();
        long max = maxDelay.toNanos();
        long ceiling = retry >= 62 || base > (max >> Math.max(0, retry)) ? max : Math.min(max, base << retry);
        double u = Math.min(Math.max(unit, 0), 1);
        return Duration.ofNanos((long) (ceiling * u));
    }

    /**
     * The wait before retrying a target that just failed with {@code error}, or null when it should not be
     * retried: the error is not retriable, or the upstream asked for a longer pause than {@link #retryAfterCap}.
     * A Retry-After within the cap is waited exactly; otherwise the full-jitter backoff.
     */
    public Duration delayAfter(SwitchboardException error, int retry, double unit) {
        if (!error.retriable()) return null;
        if (error instanceof RateLimited r && r.retryAfter() != null) {
            Duration asked = r.retryAfter().isNegative() ? Duration.ZERO : r.retryAfter();
            return asked.compareTo(retryAfterCap) <= 0 ? asked : null;
        }
        return backoff(retry, unit);
    }
}
