package dev.switchboard.core.gateway;

import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.routing.Route;
import java.util.Objects;

/**
 * One upstream attempt of a request, as its cost record describes it.
 *
 * @param route        the route's name ({@code provider/model} for a direct request)
 * @param providerType the provider's type (which price-table keys apply)
 * @param number       the attempt's number within the request, 1..n
 * @param outcome      "ok" or the error kind; null until the attempt {@link #ended}
 * @param nanos        how long the attempt took
 * @param ttftNanos    time to the first token, streams only; else null
 */
public record UpstreamAttempt(
        RequestContext ctx,
        String route,
        ModelRef target,
        String providerType,
        int number,
        boolean stream,
        String outcome,
        long nanos,
        Long ttftNanos) {
    public UpstreamAttempt {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(target, "target");
    }

    /** An attempt that has not ended yet. */
    static UpstreamAttempt of(
            RequestContext ctx, Route route, ModelRef target, String providerType, int number, boolean stream) {
        return new UpstreamAttempt(ctx, route.name(), target, providerType, number, stream, null, 0, null);
    }

    /** This attempt, ended with {@code outcome} after {@code nanos}. */
    UpstreamAttempt ended(String outcome, long nanos, Long ttftNanos) {
        return new UpstreamAttempt(ctx, route, target, providerType, number, stream, outcome, nanos, ttftNanos);
    }
}
