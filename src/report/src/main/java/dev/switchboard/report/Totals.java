package dev.switchboard.report;

import dev.switchboard.core.cost.CostRecord;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/**
 * The sums for one group. Tokens that were not reported add nothing (they are unknown, not zero), and an
 * attempt whose price is unknown is counted as unpriced instead of as $0.
 */
final class Totals {
    private final Set<String> requestIds = new HashSet<>();
    private long attempts;
    private long ok;
    private long errors;
    private long inputTokens;
    private long outputTokens;
    private long cacheReadTokens;
    private long cacheWriteTokens;
    private long reasoningTokens;
    private BigDecimal costUsd = BigDecimal.ZERO;
    private long unpriced;
    private long priced;

    void add(CostRecord r) {
        requestIds.add(r.requestId());
        attempts++;
        if (r.ok()) ok++;
        else errors++;
        inputTokens += orZero(r.inputTokens());
        outputTokens += orZero(r.outputTokens());
        cacheReadTokens += orZero(r.cacheReadTokens());
        cacheWriteTokens += orZero(r.cacheWriteTokens());
        reasoningTokens += orZero(r.reasoningTokens());
        if (r.costUsd() != null) {
            costUsd = costUsd.add(r.costUsd());
            priced++;
        } else if (isUnpriced(r)) {
            unpriced++;
        }
    }

    /**
     * No cost, and either the price table did not know the model or there was usage to price. An error attempt
     * with no usage and a known price simply cost nothing we can see, and is not counted.
     */
    static boolean isUnpriced(CostRecord r) {
        if (r.costUsd() != null) return false;
        return "unknown".equals(r.pricing())
                || r.inputTokens() != null
                || r.outputTokens() != null
                || r.cacheReadTokens() != null
                || r.cacheWriteTokens() != null
                || r.reasoningTokens() != null;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    long requests() {
        return requestIds.size();
    }

    long attempts() {
        return attempts;
    }

    long ok() {
        return ok;
    }

    long errors() {
        return errors;
    }

    long inputTokens() {
        return inputTokens;
    }

    long outputTokens() {
        return outputTokens;
    }

    long cacheReadTokens() {
        return cacheReadTokens;
    }

    long cacheWriteTokens() {
        return cacheWriteTokens;
    }

    long reasoningTokens() {
        return reasoningTokens;
    }

    BigDecimal costUsd() {
        return costUsd;
    }

    long unpriced() {
        return unpriced;
    }

    /** Some attempts needed a price and none had one: the cost is unknown, not zero. */
    boolean costUnknown() {
        return priced == 0 && unpriced > 0;
    }
}
