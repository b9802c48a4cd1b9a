package dev.switchboard.auth;

/**
 * Requests and tokens (input + output) per minute; null = unlimited.
 */
public record RateLimits(Long requestsPerMinute, Long tokensPerMinute) {

    public static final RateLimits UNLIMITED = new RateLimits(null, null);

    public RateLimits {
        if (requestsPerMinute != null && requestsPerMinute < 0) {
            throw new IllegalArgumentException("requests-per-minute must not be negative, was " + requestsPerMinute);
        }
        if (tokensPerMinute != null && tokensPerMinute < 0) {
            throw new IllegalArgumentException("tokens-per-minute must not be negative, was " + tokensPerMinute);
        }
    }
}
