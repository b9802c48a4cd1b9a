package dev.switchboard.core.pricing;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One model's prices.
 *
 * @param key         the table key that matched (e.g. {@code azure/gpt-4o}), or {@code override:<provider/model>}
 * @param provider    the table's {@code litellm_provider} (null for an override of a model the table lacks)
 * @param rates       real-time rates below every long-context tier
 * @param batchRates  rates for work submitted to the provider's batch API ({@code *_batches} fields)
 * @param tiers       long-context tiers, lowest threshold first
 * @param metadata    limits and capabilities, null when unknown
 */
public record PriceEntry(
        String key,
        String provider,
        String mode,
        Rates rates,
        Rates batchRates,
        List<PriceTier> tiers,
        ModelMetadata metadata) {
    public PriceEntry {
        Objects.requireNonNull(key, "key");
        rates = rates == null ? Rates.NONE : rates;
        batchRates = batchRates == null ? Rates.NONE : batchRates;
        tiers = tiers == null
                ? List.of()
                : tiers.stream()
                        .sorted(Comparator.comparingLong(PriceTier::aboveInputTokens))
                        .toList();
    }
}
