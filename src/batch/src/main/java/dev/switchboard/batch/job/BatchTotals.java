package dev.switchboard.batch.job;

import java.math.BigDecimal;

/**
 * Switchboard's sums over a batch's answered lines: tokens as reported by the upstreams (null fields: no line
 * reported that count), the cost of the answering attempts and the price-table version they were priced with.
 */
public record BatchTotals(
        long inputTokens,
        long outputTokens,
        Long cachedTokens,
        Long reasoningTokens,
        BigDecimal costUsd,
        String priceVersion) {
    public static final BatchTotals NONE = new BatchTotals(0, 0, null, null, null, null);

    public BatchTotals plus(LineResult r) {
        if (!r.ok()) return this;
        return new BatchTotals(
                inputTokens + orZero(r.inputTokens()),
                outputTokens + orZero(r.outputTokens()),
                add(cachedTokens, r.cachedTokens()),
                add(reasoningTokens, r.reasoningTokens()),
                r.costUsd() == null ? costUsd : (costUsd == null ? r.costUsd() : costUsd.add(r.costUsd())),
                r.priceVersion() != null ? r.priceVersion() : priceVersion);
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static Long add(Long a, Long b) {
        if (b == null) return a;
        return a == null ? b : a + b;
    }
}
