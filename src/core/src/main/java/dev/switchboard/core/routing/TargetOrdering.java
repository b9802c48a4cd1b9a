package dev.switchboard.core.routing;

import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.cost.PriceRequest;
import dev.switchboard.core.cost.Pricer;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Puts a route's eligible targets in the order to try them, by the route's {@link Strategy}. Every order
 * contains every eligible target once: a strategy only decides who goes first, the rest is the fallback.
 * Thread-safe; holds the per-route round-robin state.
 */
public final class TargetOrdering {
    private final LatencyTracker latency;
    private final Pricer pricer;
    private final Map<String, WeightedRoundRobin> roundRobins = new ConcurrentHashMap<>();

    public TargetOrdering(LatencyTracker latency, Pricer pricer) {
        this.latency = latency;
        this.pricer = pricer;
    }

    /**
     * @param eligible     the targets left by the capability filter, in route order
     * @param available    whether a target's circuit currently admits calls (weighted picks among those only)
     * @param providerType a target's provider type, for pricing; null when unknown
     */
    public List<RouteTarget> order(
            Route route,
            List<RouteTarget> eligible,
            RequestEstimate estimate,
            boolean stream,
            Predicate<RouteTarget> available,
            Function<ModelRef, String> providerType) {
        if (eligible.size() <= 1) return List.copyOf(eligible);
        return switch (route.strategy()) {
            case ORDERED -> List.copyOf(eligible);
            case WEIGHTED -> weighted(route, eligible, available);
            case FASTEST -> fastest(eligible, stream);
            case CHEAPEST -> cheapest(eligible, estimate, providerType);
        };
    }

    private List<RouteTarget> weighted(Route route, List<RouteTarget> eligible, Predicate<RouteTarget> available) {
        List<RouteTarget> candidates = eligible.stream().filter(available).toList();
        RouteTarget first = roundRobins
                .computeIfAbsent(route.name(), n -> new WeightedRoundRobin())
                .pick(candidates);
        return first == null ? List.copyOf(eligible) : firstThenRest(first, eligible);
    }

    /** One target needing a measurement first (to get one), then by average latency, unmeasured ones last. */
    private List<RouteTarget> fastest(List<RouteTarget> eligible, boolean stream) {
        RouteTarget explore = null;
        for (RouteTarget t : eligible) {
            if (latency.claimExploration(t.ref(), stream)) {
                explore = t;
                break;
            }
        }
        record Timed(RouteTarget target, long nanos) {}
        List<Timed> timed = new ArrayList<>();
        for (RouteTarget t : eligible) {
            timed.add(new Timed(
                    t, latency.estimate(t.ref(), stream).map(d -> d.toNanos()).orElse(Long.MAX_VALUE)));
        }
        timed.sort(Comparator.comparingLong(Timed::nanos)); // stable: ties keep route order
        List<RouteTarget> ranked = timed.stream().map(Timed::target).toList();
        return explore == null ? ranked : firstThenRest(explore, ranked);
    }

    /** By the price of the estimated request; targets without a known price after the priced ones. */
    private List<RouteTarget> cheapest(
            List<RouteTarget> eligible, RequestEstimate estimate, Function<ModelRef, String> providerType) {
        record Priced(RouteTarget target, BigDecimal cost) {}
        List<Priced> priced = new ArrayList<>();
        for (RouteTarget t : eligible)
            priced.add(new Priced(t, price(t, estimate, providerType).orElse(null)));
        priced.sort(Comparator.comparing(Priced::cost, Comparator.nullsLast(Comparator.naturalOrder())));
        return priced.stream().map(Priced::target).toList();
    }

    private Optional<BigDecimal> price(
            RouteTarget t, RequestEstimate estimate, Function<ModelRef, String> providerType) {
        String type = providerType.apply(t.ref());
        if (type == null) return Optional.empty();
        try {
            PriceQuote q = pricer.quote(new PriceRequest(
                    t.ref(), type, null, Usage.of(estimate.inputTokens(), estimate.outputTokens(t)), false));
            return q.known() ? Optional.ofNullable(q.costUsd()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // pricers must not throw; if one does, the target just loses its rank
        }
    }

    private static List<RouteTarget> firstThenRest(RouteTarget first, List<RouteTarget> all) {
        List<RouteTarget> out = new ArrayList<>(all.size());
        out.add(first);
        for (RouteTarget t : all) if (!t.equals(first)) out.add(t);
        return List.copyOf(out);
    }
}
