package dev.switchboard.api.auth;

import dev.switchboard.auth.ledger.Counter;
import dev.switchboard.auth.ledger.LimitState;
import dev.switchboard.auth.ledger.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's {@code x-ratelimit-*} headers for a key's per-minute limits (requests, tokens), with resets written as
 * OpenAI does ({@code 1s}, {@code 6m0s}).
 */
final class RateLimitHeaders {
    private RateLimitHeaders() {}

    static Map<String, String> of(List<LimitState> states, Instant now) {
        Map<String, String> h = new LinkedHashMap<>();
        for (LimitState s : states) {
            if (s.limit().window() != Window.MINUTE) continue;
            String suffix = s.limit().counter() == Counter.REQUESTS ? "requests" : "tokens";
            h.put("x-ratelimit-limit-" + suffix, Long.toString(s.limit().max()));
            h.put("x-ratelimit-remaining-" + suffix, Long.toString(s.remaining()));
            h.put("x-ratelimit-reset-" + suffix, duration(Duration.between(now, s.resetsAt())));
        }
        return h;
    }

    /** Whole seconds until {@code resetsAt}, at least 1 (Retry-After). */
    static long secondsUntil(Instant now, Instant resetsAt) {
        return Math.max(1, (Duration.between(now, resetsAt).toMillis() + 999) / 1000);
    }

    static String duration(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        if (s < 60) return s + "s";
        if (s < 3600) return s / 60 + "m" + s % 60 + "s";
        return s / 3600 + "h" + s % 3600 / 60 + "m" + s % 60 + "s";
    }
}
