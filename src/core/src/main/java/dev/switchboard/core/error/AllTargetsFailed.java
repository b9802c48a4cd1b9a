package dev.switchboard.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every target of a route failed. The message lists each attempt's target and error kind; the status is
 * the one that fits the failures best (429 when every target was rate limited, 503 when all were
 * unavailable, 502 otherwise).
 */
public final class AllTargetsFailed extends SwitchboardException {

    /** One failed attempt: which target, which try, what went wrong. */
    public record Attempt(String target, int attempt, SwitchboardException error) {}

    private final List<Attempt> attempts;

    public AllTargetsFailed(String route, List<Attempt> attempts) {
        super(ErrorInfo.of(describe(route, attempts)), null);
        this.attempts = List.copyOf(attempts);
    }

    private static String describe(String route, List<Attempt> attempts) {
        String list = attempts.stream()
                .map(a -> a.target() + " (" + a.error().kind()
                        + (a.error().upstreamStatus() != null ? " " + a.error().upstreamStatus() : "") + ")")
                .collect(Collectors.joining(", "));
        return "All targets of route '" + route + "' failed: " + list;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    public SwitchboardException last() {
        return attempts.get(attempts.size() - 1).error();
    }

    @Override public boolean retriable() {
        return attempts.stream().allMatch(a -> a.error().retriable());
    }

    @Override public int httpStatus() {
        if (attempts.stream().allMatch(a -> a.error() instanceof RateLimited)) return 429;
        if (attempts.stream().allMatch(a -> a.error() instanceof Overloaded || a.error() instanceof NotConfigured)) return 503;
        if (attempts.stream().allMatch(a -> a.error() instanceof Timeout)) return 504;
        return 502;
    }

    @Override public String openAiType() {
        return httpStatus() == 429 ? "rate_limit_error" : "server_error";
    }

    @Override public String kind() { return "all_targets_failed"; }
    @Override protected String defaultCode() { return "all_targets_failed"; }
}
