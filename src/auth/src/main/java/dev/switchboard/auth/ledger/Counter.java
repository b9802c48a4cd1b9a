package dev.switchboard.auth.ledger;

/**
 * What a window counts; all integers so every store can add atomically. {@link #code()} is the field name in
 * stores ({@code c}, {@code r}, {@code t}).
 */
public enum Counter {
    /** Spend in nano-USD (1e-9 USD): reserved estimates of in-flight calls plus settled costs. */
    COST_NANO_USD("c"),
    REQUESTS("r"),
    /** Input + output tokens. */
    TOKENS("t");

    private final String code;

    Counter(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
