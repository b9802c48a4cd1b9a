package dev.switchboard.core.routing;

import java.time.Duration;

/**
 * Time limits of a routed request. A null field inherits: {@code attempt} the gateway's request timeout,
 * {@code firstToken} its idle timeout, and a null {@code deadline} means none beyond the attempts themselves.
 *
 * @param attempt    one upstream call: a whole non-streamed answer, or a stream until the upstream accepts it
 * @param firstToken a stream's first event, counted from the start of its attempt; a stream that has not produced
 *                   one by then (not even its response headers) counts as timed out and the route falls over
 * @param deadline   the whole request, retries, backoff and fallbacks included (streams: until the first event
 *                   reaches the caller; after that only the idle timeout applies)
 */
public record RouteTimeouts(Duration attempt, Duration firstToken, Duration deadline) {

    public static final RouteTimeouts DEFAULT = new RouteTimeouts(null, null, null);

    public RouteTimeouts {
        positive("attempt", attempt);
        positive("first-token", firstToken);
        positive("deadline", deadline);
    }

    private static void positive(String name, Duration d) {
        if (d != null && (d.isNegative() || d.isZero()))
            throw new IllegalArgumentException(name + ": must be positive");
    }
}
