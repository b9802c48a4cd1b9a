package dev.switchboard.core.pricing;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * USD per token for each kind of token; a null rate means the table does not say (which is not a price of zero).
 *
 * @param cacheWrite    writing to the prompt cache with the default (Anthropic: 5-minute) lifetime
 * @param cacheWrite1h  writing to the prompt cache with a one-hour lifetime
 * @param reasoning     reasoning tokens, when priced apart from other output
 */
public record Rates(
        BigDecimal input,
        BigDecimal output,
        BigDecimal cacheRead,
        BigDecimal cacheWrite,
        BigDecimal cacheWrite1h,
        BigDecimal reasoning) {

    public static final Rates NONE = new Rates(null, null, null, null, null, null);

    public Rates {
        for (BigDecimal r : new BigDecimal[] {input, output, cacheRead, cacheWrite, cacheWrite1h, reasoning}) {
            if (r != null && r.signum() < 0) throw new IllegalArgumentException("negative rate " + r);
        }
    }

    public BigDecimal get(RateKind kind) {
        return switch (kind) {
            case INPUT -> input;
            case OUTPUT -> output;
            case CACHE_READ -> cacheRead;
            case CACHE_WRITE -> cacheWrite;
            case CACHE_WRITE_1H -> cacheWrite1h;
            case REASONING -> reasoning;
        };
    }

    public Rates with(RateKind kind, BigDecimal rate) {
        return switch (kind) {
            case INPUT -> new Rates(rate, output, cacheRead, cacheWrite, cacheWrite1h, reasoning);
            case OUTPUT -> new Rates(input, rate, cacheRead, cacheWrite, cacheWrite1h, reasoning);
            case CACHE_READ -> new Rates(input, output, rate, cacheWrite, cacheWrite1h, reasoning);
            case CACHE_WRITE -> new Rates(input, output, cacheRead, rate, cacheWrite1h, reasoning);
            case CACHE_WRITE_1H -> new Rates(input, output, cacheRead, cacheWrite, rate, reasoning);
            case REASONING -> new Rates(input, output, cacheRead, cacheWrite, cacheWrite1h, rate);
        };
    }

    /** These rates with every rate {@code top} states replacing ours. */
    public Rates overlay(Rates top) {
        Rates out = this;
        for (RateKind k : top.present()) out = out.with(k, top.get(k));
        return out;
    }

    /** These rates without the given kinds. */
    public Rates without(Set<RateKind> kinds) {
        Rates out = this;
        for (RateKind k : kinds) out = out.with(k, null);
        return out;
    }

    public Set<RateKind> present() {
        Set<RateKind> out = EnumSet.noneOf(RateKind.class);
        for (RateKind k : RateKind.values()) if (get(k) != null) out.add(k);
        return out;
    }

    public boolean isEmpty() {
        return present().isEmpty();
    }
}
