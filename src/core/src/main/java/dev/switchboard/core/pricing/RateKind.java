package dev.switchboard.core.pricing;

/**
 * The per-token rates a price entry can carry, named by their field in the price table (LiteLLM's names, so a
 * refreshed table needs no mapping). Long-context tiers and batch rates are the same fields with the suffixes
 * {@code _above_<N>k_tokens} and {@code _batches}.
 */
public enum RateKind {
    INPUT("input_cost_per_token"),
    OUTPUT("output_cost_per_token"),
    CACHE_READ("cache_read_input_token_cost"),
    CACHE_WRITE_1H("cache_creation_input_token_cost_above_1hr"),
    CACHE_WRITE("cache_creation_input_token_cost"),
    REASONING("output_cost_per_reasoning_token");

    private final String field;

    RateKind(String field) {
        this.field = field;
    }

    /** The table's field name for the plain (real-time, below every tier) rate. */
    public String field() {
        return field;
    }
}
