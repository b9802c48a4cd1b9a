package dev.switchboard.core.pricing;

import java.math.BigDecimal;

/**
 * The cost of one call and its parts, in USD, exact (see {@link CostCalculator}). {@code totalUsd} is null when
 * any part is unknown; a part is null when its rate is missing for a non-zero token count.
 *
 * @param inputUsd          uncached input tokens
 * @param cacheWriteUsd     cache writes of either lifetime
 * @param outputUsd         output tokens other than reasoning
 * @param tierAboveTokens   the long-context tier applied (its threshold), or null for base rates
 * @param unknownReason     why the total is unknown; null when known
 */
public record CostBreakdown(
        BigDecimal totalUsd,
        BigDecimal inputUsd,
        BigDecimal cacheReadUsd,
        BigDecimal cacheWriteUsd,
        BigDecimal outputUsd,
        BigDecimal reasoningUsd,
        Long tierAboveTokens,
        String unknownReason) {

    static CostBreakdown unknown(String reason) {
        return new CostBreakdown(null, null, null, null, null, null, null, reason);
    }

    public boolean known() {
        return totalUsd != null;
    }
}
