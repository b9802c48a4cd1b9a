package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.cost.Pricer;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.testing.FakeTime;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TargetOrderingTest {
    private static final RouteTarget A = RouteTarget.of("p/a");
    private static final RouteTarget B = RouteTarget.of("p/b");
    private static final RouteTarget C = RouteTarget.of("p/c");
    private static final Function<ModelRef, String> TYPE = ref -> "test";
    private static final RequestEstimate SMALL = RequestEstimate.of(
            ChatRequest.builder().messages(Message.user("x".repeat(400))).build());

    private final FakeTime time = new FakeTime();
    private final LatencyTracker latency = new LatencyTracker(0.5, Duration.ofSeconds(60), time.ticker());

    private static Route route(Strategy s, RouteTarget... targets) {
        return new Route("r", List.of(targets)).withStrategy(s);
    }

    private static List<String> names(List<RouteTarget> order) {
        return order.stream().map(t -> t.ref().model()).toList();
    }

    private List<String> order(TargetOrdering ordering, Route route) {
        return names(ordering.order(route, route.targets(), SMALL, false, t -> true, TYPE));
    }

    @Test
    void orderedKeepsTheConfiguredOrder() {
        var ordering = new TargetOrdering(latency, Pricer.NONE);
        assertThat(order(ordering, route(Strategy.ORDERED, B, A, C))).containsExactly("b", "a", "c");
    }

    @Test
    void weightedPutsTheRoundRobinPickFirstThenTheRestInOrder() {
        var ordering = new TargetOrdering(latency, Pricer.NONE);
        Route r = route(Strategy.WEIGHTED, A.withWeight(2), B.withWeight(1), C.withWeight(0));
        List<List<String>> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) orders.add(order(ordering, r));
        assertThat(orders).containsExactly(List.of("a", "b", "c"), List.of("b", "a", "c"), List.of("a", "b", "c"));
    }

    @Test
    void weightedPicksOnlyAmongTargetsWhoseCircuitAdmitsCalls() {
        var ordering = new TargetOrdering(latency, Pricer.NONE);
        Route r = route(Strategy.WEIGHTED, A.withWeight(100), B.withWeight(1));
        for (int i = 0; i < 5; i++) {
            List<RouteTarget> order = ordering.order(
                    r, r.targets(), SMALL, false, t -> t.ref().model().equals("b"), TYPE);
            assertThat(names(order)).as("a is still the fallback").containsExactly("b", "a");
        }
    }

    @Test
    void fastestTriesUnmeasuredTargetsFirstOneRequestAtATimeThenRanksByAverageLatency() {
        var ordering = new TargetOrdering(latency, Pricer.NONE);
        Route r = route(Strategy.FASTEST, A, B, C);
        assertThat(order(ordering, r)).as("a explored first").containsExactly("a", "b", "c");
        assertThat(order(ordering, r)).as("a is taken: b explored").containsExactly("b", "a", "c");
        latency.record(A.ref(), false, 300_000_000);
        latency.record(B.ref(), false, 100_000_000);
        assertThat(order(ordering, r)).as("c still unmeasured").containsExactly("c", "b", "a");
        latency.record(C.ref(), false, 200_000_000);
        assertThat(order(ordering, r)).containsExactly("b", "c", "a");
        latency.record(B.ref(), false, 500_000_000); // EWMA 0.5: (100 + 500) / 2 = 300
        latency.record(A.ref(), false, 100_000_000); // (300 + 100) / 2 = 200
        assertThat(order(ordering, r)).containsExactly("a", "c", "b");
        assertThat(latency.estimate(B.ref(), false)).contains(Duration.ofMillis(300));
    }

    @Test
    void fastestMeasuresAStaleTargetAgain() {
        var ordering = new TargetOrdering(latency, Pricer.NONE);
        Route r = route(Strategy.FASTEST, A, B);
        latency.record(A.ref(), false, 100_000_000);
        latency.record(B.ref(), false, 900_000_000);
        assertThat(order(ordering, r)).containsExactly("a", "b");
        time.advance(Duration.ofSeconds(30));
        latency.record(A.ref(), false, 100_000_000);
        time.advance(Duration.ofSeconds(31));
        assertThat(order(ordering, r))
                .as("b's measurement is stale: explore it")
                .containsExactly("b", "a");
        assertThat(order(ordering, r)).as("one explorer at a time").containsExactly("a", "b");
    }

    @Test
    void streamsAndNonStreamedCallsAreMeasuredApart() {
        latency.record(A.ref(), true, 50_000_000);
        assertThat(latency.estimate(A.ref(), true)).contains(Duration.ofMillis(50));
        assertThat(latency.estimate(A.ref(), false)).isEmpty();
    }

    @Test
    void cheapestRanksByTheEstimatedPriceAndPutsUnknownPricesLast() {
        Map<String, BigDecimal> perOutputToken =
                new HashMap<>(Map.of("a", new BigDecimal("0.00003"), "b", new BigDecimal("0.00001")));
        Pricer pricer = req -> {
            BigDecimal rate = perOutputToken.get(req.target().model());
            if (rate == null) return PriceQuote.unknown("v1");
            return new PriceQuote(rate.multiply(BigDecimal.valueOf(req.usage().outputTokens())), "v1", true);
        };
        var ordering = new TargetOrdering(latency, pricer);
        assertThat(order(ordering, route(Strategy.CHEAPEST, C, A, B))).containsExactly("b", "a", "c");
    }

    @Test
    void cheapestUsesEachTargetsOwnMaxTokens() {
        Pricer perOutputToken =
                req -> new PriceQuote(BigDecimal.valueOf(req.usage().outputTokens()), "v1", true);
        var ordering = new TargetOrdering(latency, perOutputToken);
        RouteTarget shortA = A.withParams(new TargetParams(null, null, 100, null, Map.of()));
        assertThat(order(ordering, route(Strategy.CHEAPEST, B, shortA)))
                .as("100 < default 512")
                .containsExactly("a", "b");
    }

    @Test
    void aSingleTargetNeedsNoStrategy() {
        var ordering = new TargetOrdering(latency, req -> {
            throw new AssertionError("not priced");
        });
        assertThat(order(ordering, route(Strategy.CHEAPEST, A))).containsExactly("a");
        assertThat(ordering.order(route(Strategy.ORDERED, A, B), List.of(), SMALL, false, t -> true, TYPE))
                .isEmpty();
    }
}
