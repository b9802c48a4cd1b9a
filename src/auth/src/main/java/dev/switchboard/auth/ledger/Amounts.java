package dev.switchboard.auth.ledger;

/** One value per {@link Counter}. May be negative as a delta (settling below the estimate). */
public record Amounts(long nanoUsd, long requests, long tokens) {

    public static final Amounts ZERO = new Amounts(0, 0, 0);

    /** One request of {@code tokens} tokens costing {@code nanoUsd}. */
    public static Amounts request(long nanoUsd, long tokens) {
        return new Amounts(nanoUsd, 1, tokens);
    }

    public long get(Counter counter) {
        return switch (counter) {
            case COST_NANO_USD -> nanoUsd;
            case REQUESTS -> requests;
            case TOKENS -> tokens;
        };
    }

    public Amounts plus(Amounts o) {
        return new Amounts(nanoUsd + o.nanoUsd, requests + o.requests, tokens + o.tokens);
    }

    public Amounts minus(Amounts o) {
        return new Amounts(nanoUsd - o.nanoUsd, requests - o.requests, tokens - o.tokens);
    }
}
