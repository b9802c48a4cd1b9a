package dev.switchboard.core.routing;

import java.util.List;
import java.util.Objects;

/**
 * A named list of targets, used as a model name by callers. A direct {@code provider/model} request is routed as
 * an implicit one-target route.
 */
public record Route(String name, List<RouteTarget> targets) {
    public Route {
        Objects.requireNonNull(name, "name");
        targets = List.copyOf(targets);
        if (targets.isEmpty()) throw new IllegalArgumentException("route '" + name + "' has no targets");
    }

    public static Route direct(ModelRef ref) {
        return new Route(ref.toString(), List.of(new RouteTarget(ref, 1, java.util.Map.of())));
    }
}
