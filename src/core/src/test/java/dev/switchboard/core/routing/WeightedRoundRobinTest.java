package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinTest {
    private static final RouteTarget A = RouteTarget.of("p/a").withWeight(5);
    private static final RouteTarget B = RouteTarget.of("p/b").withWeight(1);
    private static final RouteTarget C = RouteTarget.of("p/c").withWeight(1);

    private static String name(RouteTarget t) {
        return t.ref().model();
    }

    @Test
    void picksAreSmoothNotBursts() {
        var wrr = new WeightedRoundRobin();
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 7; i++) picks.add(name(wrr.pick(List.of(A, B, C))));
        assertThat(picks).containsExactly("a", "a", "b", "a", "c", "a", "a");
    }

    @Test
    void sharesFollowTheWeightsExactlyOverWholeCycles() {
        var wrr = new WeightedRoundRobin();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 700; i++) counts.merge(name(wrr.pick(List.of(A, B, C))), 1, Integer::sum);
        assertThat(counts).containsEntry("a", 500).containsEntry("b", 100).containsEntry("c", 100);
    }

    @Test
    void zeroWeightTargetsAreNeverPickedAndNoPositiveWeightMeansNoPick() {
        var wrr = new WeightedRoundRobin();
        RouteTarget zero = RouteTarget.of("p/z").withWeight(0);
        for (int i = 0; i < 10; i++) assertThat(wrr.pick(List.of(zero, B))).isEqualTo(B);
        assertThat(wrr.pick(List.of(zero))).isNull();
        assertThat(wrr.pick(List.of())).isNull();
    }

    @Test
    void whenATargetDropsOutTheOthersShareItsTraffic() {
        var wrr = new WeightedRoundRobin();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20; i++) counts.merge(name(wrr.pick(List.of(B, C))), 1, Integer::sum);
        assertThat(counts).containsEntry("b", 10).containsEntry("c", 10);
    }
}
