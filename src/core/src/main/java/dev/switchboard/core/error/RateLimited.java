package dev.switchboard.core.error;

import java.time.Duration;

/** The upstream (or the gateway) is rate limiting. Retriable; {@code retryAfter} is the upstream's hint, if any. */
public final class RateLimited extends SwitchboardException {
    private final Duration retryAfter;

    public RateLimited(ErrorInfo info, Duration retryAfter) {
        super(info, null);
        this.retryAfter = retryAfter;
    }

    /** The wait the upstream asked for; null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Quota exhaustion is a 429 too, but waiting a few seconds will not fix it. */
    @Override
    public boolean retriable() {
        return !"insufficient_quota".equals(info().code());
    }

    @Override
    public int httpStatus() {
        return 429;
    }

    @Override
    public String openAiType() {
        return "rate_limit_error";
    }

    @Override
    public String kind() {
        return "rate_limited";
    }

    @Override
    protected String defaultCode() {
        return "rate_limit_exceeded";
    }
}
