package dev.switchboard.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every target of a route failed. The message lists each attempt's target and error kind, then the targets not
 * tried and why (an open circuit, the deadline); the status is the one that fits the failures best (429 when
 * every attempt was rate limited, 503 when all were unavailable, 504 when all timed out, 502 otherwise).
 */
public final class AllTargetsFailed extends SwitchboardException {

    /**
     * One failed attempt: which target, which try of the request (1..n; 0 when the target could not even be
     * called, e.g. its provider has no credentials), what went wrong.
     */
    public record Attempt(String target, int attempt, SwitchboardException error) {}

    private final List<Attempt> attempts;
    private final List<String> notTried;

    public AllTargetsFailed(String route, List<Attempt> attempts) {
        this(route, attempts, List.of());
    }

    /**
     * @param notTried targets left out, each with its reason: {@code "openai/gpt-4o (circuit open)"}
     */
    public AllTargetsFailed(String route, List<Attempt> attempts, List<String> notTried) {
        super(ErrorInfo.of(describe(route, attempts, notTried)), null);
        if (attempts.isEmpty()) throw new IllegalArgumentException("no attempts");
        this.attempts = List.copyOf(attempts);
        this.notTried = List.copyOf(notTried);
    }

    private static String describe(String route, List<Attempt> attempts, List<String> notTried) {
        String list = attempts.stream()
                .map(a -> a.target() + " (" + a.error().kind()
                        + (a.error().upstreamStatus() != null ? " " + a.error().upstreamStatus() : "") + ")")
                .collect(Collectors.joining(", "));
        return "All targets of route '" + route + "' failed: " + list
                + (notTried.isEmpty() ? "" : "; not tried: " + String.join(", ", notTried));
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    public List<String> notTried() {
        return notTried;
    }

    public SwitchboardException last() {
        return attempts.get(attempts.size() - 1).error();
    }

    @Override
    public boolean retriable() {
        return attempts.stream().allMatch(a -> a.error().retriable());
    }

    @Override
    public int httpStatus() {
        if (attempts.stream().allMatch(a -> a.error() instanceof RateLimited)) return 429;
        if (attempts.stream().allMatch(a -> a.error() instanceof Overloaded || a.error() instanceof NotConfigured))
            return 503;
        if (attempts.stream().allMatch(a -> a.error() instanceof Timeout)) return 504;
        return 502;
    }

    @Override
    public String openAiType() {
        return httpStatus() == 429 ? "rate_limit_error" : "server_error";
    }

    @Override
    public String kind() {
        return "all_targets_failed";
    }

    @Override
    protected String defaultCode() {
        return "all_targets_failed";
    }
}
