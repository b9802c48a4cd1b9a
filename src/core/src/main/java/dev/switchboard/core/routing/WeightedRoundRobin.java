package dev.switchboard.core.routing;

import dev.switchboard.core.model.ModelRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Smooth weighted round robin (nginx's): every pick adds each candidate's weight to its running score, takes the
 * highest and subtracts the total from it. Over any stretch the picks follow the weights, interleaved rather than
 * in bursts. One instance per route; candidates may differ between picks (open circuits drop out) without
 * disturbing the others' shares.
 */
public final class WeightedRoundRobin {
    private final Map<ModelRef, Long> scores = new HashMap<>();

    /** The pick among {@code candidates}; null when none has a weight above 0. */
    public synchronized RouteTarget pick(List<RouteTarget> candidates) {
        RouteTarget best = null;
        long bestScore = Long.MIN_VALUE;
        long total = 0;
        for (RouteTarget t : candidates) {
            if (t.weight() <= 0) continue;
            total += t.weight();
            long score = scores.merge(t.ref(), (long) t.weight(), Long::sum);
            if (score > bestScore) {
                bestScore = score;
                best = t;
            }
        }
        if (best != null) scores.merge(best.ref(), -total, Long::sum);
        return best;
    }
}
