package dev.switchboard.core.pricing;

/**
 * Long-context rates: they apply, field by field, when a request's input tokens exceed {@code aboveInputTokens}
 * (from the table's {@code _above_<N>k_tokens} suffix, N × 1000).
 *
 * @param batchRates  long-context batch rates ({@code _above_<N>k_tokens_batches}); the current table has none
 */
public record PriceTier(long aboveInputTokens, Rates rates, Rates batchRates) {
    public PriceTier {
        if (aboveInputTokens <= 0) throw new IllegalArgumentException("tier threshold must be positive");
        rates = rates == null ? Rates.NONE : rates;
        batchRates = batchRates == null ? Rates.NONE : batchRates;
    }

    public boolean appliesTo(long inputTokens) {
        return inputTokens > aboveInputTokens;
    }
}
