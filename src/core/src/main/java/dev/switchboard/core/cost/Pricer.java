package dev.switchboard.core.cost;

import dev.switchboard.core.model.Usage;
import dev.switchboard.core.routing.ModelRef;

/** Prices a call's usage for a target. */
@FunctionalInterface
public interface Pricer {
    Pricer NONE = (target, type, usage, batch) -> PriceQuote.unknown("none");

    /**
     * @param target   provider id and model id as called
     * @param type     the provider's type (openai, bedrock, ...), which tells which price-table keys apply
     * @param batch    priced at batch rates
     */
    PriceQuote quote(ModelRef target, String type, Usage usage, boolean batch);
}
