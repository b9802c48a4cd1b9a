package dev.switchboard.core.routing;

import dev.switchboard.core.model.ModelRef;
import java.util.Objects;

/**
 * One entry of a route: where to send, how much traffic it gets under the weighted strategy (0: only as a
 * fallback), and parameters that override the caller's for this target (e.g. a smaller max_tokens for a
 * fallback model).
 */
public record RouteTarget(ModelRef ref, int weight, TargetParams params) {
    public RouteTarget {
        Objects.requireNonNull(ref, "ref");
        if (weight < 0) throw new IllegalArgumentException("weight must not be negative");
        params = params == null ? TargetParams.NONE : params;
    }

    public static RouteTarget of(String providerSlashModel) {
        return of(ModelRef.parse(providerSlashModel));
    }

    public static RouteTarget of(ModelRef ref) {
        return new RouteTarget(ref, 1, TargetParams.NONE);
    }

    public RouteTarget withWeight(int newWeight) {
        return new RouteTarget(ref, newWeight, params);
    }

    public RouteTarget withParams(TargetParams newParams) {
        return new RouteTarget(ref, weight, newParams);
    }
}
