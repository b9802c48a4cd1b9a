package dev.switchboard.core.routing;

import dev.switchboard.core.model.Capability;
import dev.switchboard.core.model.ModelRef;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A named list of targets, used as a model name by callers, and how to use them: the order ({@link Strategy}),
 * retries per target, time limits, the capabilities every target must have, and whether the route may fall from
 * one provider to another. A direct {@code provider/model} request is routed as an implicit one-target route.
 *
 * <p>Falling back among one provider's models is what a single-provider route does. Falling across providers
 * changes who sees the prompt and how it is billed, so a route whose targets span providers must say
 * {@code crossProvider}; otherwise it is a configuration error.
 *
 * @param requires capabilities every target must have; a target whose model metadata says it lacks one is skipped
 */
public record Route(
        String name,
        List<RouteTarget> targets,
        Strategy strategy,
        RetryPolicy retry,
        RouteTimeouts timeouts,
        Set<Capability> requires,
        boolean crossProvider) {

    public Route {
        Objects.requireNonNull(name, "name");
        targets = List.copyOf(targets);
        strategy = strategy == null ? Strategy.ORDERED : strategy;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        timeouts = timeouts == null ? RouteTimeouts.DEFAULT : timeouts;
        requires = requires == null || requires.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requires));
        List<String> problems = problems(targets, strategy, crossProvider);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("route '" + name + "': " + String.join("; ", problems));
        }
    }

    /**
     * Ordered fallback through these targets with the default retry policy and timeouts, within one provider
     * (a route spanning providers needs the canonical constructor, with {@code crossProvider} true).
     */
    public Route(String name, List<RouteTarget> targets) {
        this(name, targets, Strategy.ORDERED, RetryPolicy.DEFAULT, RouteTimeouts.DEFAULT, Set.of(), false);
    }

    public static Route direct(ModelRef ref) {
        return direct(ref, RetryPolicy.DEFAULT, RouteTimeouts.DEFAULT);
    }

    /** The implicit route of a {@code provider/model} request, under the gateway's default policy. */
    public static Route direct(ModelRef ref, RetryPolicy retry, RouteTimeouts timeouts) {
        return new Route(
                ref.toString(), List.of(RouteTarget.of(ref)), Strategy.ORDERED, retry, timeouts, Set.of(), false);
    }

    /**
     * What is wrong with these targets, each as {@code "<key below the route>: <why>"} so configuration can
     * report it under the full key; empty when they are fine.
     */
    public static List<String> problems(List<RouteTarget> targets, Strategy strategy, boolean crossProvider) {
        List<String> problems = new ArrayList<>();
        if (targets.isEmpty()) problems.add("targets: a route needs at least one target");
        Set<ModelRef> seen = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            if (!seen.add(targets.get(i).ref())) {
                problems.add("targets[" + i + "]: " + targets.get(i).ref() + " is listed twice");
            }
        }
        Set<String> providers = new TreeSet<>();
        targets.forEach(t -> providers.add(t.ref().provider()));
        if (providers.size() > 1 && !crossProvider) {
            problems.add("cross-provider: the targets span providers " + String.join(", ", providers)
                    + "; set cross-provider: true to let this route fall from one provider to another");
        }
        if (strategy == Strategy.WEIGHTED
                && !targets.isEmpty()
                && targets.stream().allMatch(t -> t.weight() == 0)) {
            problems.add("targets: the weighted strategy needs at least one target with a weight above 0");
        }
        return problems;
    }

    /** The providers this route may send to. */
    public Set<String> providers() {
        Set<String> providers = new TreeSet<>();
        targets.forEach(t -> providers.add(t.ref().provider()));
        return providers;
    }

    public Route withStrategy(Strategy v) {
        return new Route(name, targets, v, retry, timeouts, requires, crossProvider);
    }

    public Route withRetry(RetryPolicy v) {
        return new Route(name, targets, strategy, v, timeouts, requires, crossProvider);
    }

    public Route withTimeouts(RouteTimeouts v) {
        return new Route(name, targets, strategy, retry, v, requires, crossProvider);
    }

    public Route withRequires(Set<Capability> v) {
        return new Route(name, targets, strategy, retry, timeouts, v, crossProvider);
    }

    public Route withCrossProvider(boolean v) {
        return new Route(name, targets, strategy, retry, timeouts, requires, v);
    }
}
