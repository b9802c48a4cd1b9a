package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a route: where to send, how much traffic it gets under the weighted strategy, and parameters
 * that override the caller's for this target (e.g. a smaller max_tokens for a fallback model).
 */
public record RouteTarget(ModelRef ref, int weight, Map<String, JsonNode> params) {
    public RouteTarget {
        Objects.requireNonNull(ref, "ref");
        if (weight < 0) throw new IllegalArgumentException("weight must not be negative");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public static RouteTarget of(String providerSlashModel) {
        return new RouteTarget(ModelRef.parse(providerSlashModel), 1, Map.of());
    }
}
