package dev.switchboard.core.pricing;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configured prices for one {@code provider-id/model}, in USD per million tokens (how providers publish them).
 * Every field is optional: a field set here replaces the table's rate for that kind of token at every
 * long-context tier (a negotiated price is the price, whatever the prompt size); a field left out keeps the
 * table's rates. A model the table lacks is priced by the override alone.
 *
 * @param cacheWritePerMtok    cache writes with the default (5-minute) lifetime
 * @param cacheWrite1hPerMtok  cache writes with a one-hour lifetime
 * @param batchInputPerMtok    uncached input submitted through the provider's batch API
 */
public record PriceOverride(
        BigDecimal inputPerMtok,
        BigDecimal outputPerMtok,
        BigDecimal cacheReadPerMtok,
        BigDecimal cacheWritePerMtok,
        BigDecimal cacheWrite1hPerMtok,
        BigDecimal reasoningPerMtok,
        BigDecimal batchInputPerMtok,
        BigDecimal batchOutputPerMtok) {

    private static final int PER_MILLION = 6;

    public PriceOverride {
        for (BigDecimal p : new BigDecimal[] {
            inputPerMtok,
            outputPerMtok,
            cacheReadPerMtok,
            cacheWritePerMtok,
            cacheWrite1hPerMtok,
            reasoningPerMtok,
            batchInputPerMtok,
            batchOutputPerMtok
        }) {
            if (p != null && p.signum() < 0) throw new IllegalArgumentException("negative price " + p);
        }
    }

    public static PriceOverride of(BigDecimal inputPerMtok, BigDecimal outputPerMtok) {
        return new PriceOverride(inputPerMtok, outputPerMtok, null, null, null, null, null, null);
    }

    public PriceOverride withCache(BigDecimal readPerMtok, BigDecimal writePerMtok, BigDecimal write1hPerMtok) {
        return new PriceOverride(
                inputPerMtok,
                outputPerMtok,
                readPerMtok,
                writePerMtok,
                write1hPerMtok,
                reasoningPerMtok,
                batchInputPerMtok,
                batchOutputPerMtok);
    }

    public PriceOverride withReasoning(BigDecimal perMtok) {
        return new PriceOverride(
                inputPerMtok,
                outputPerMtok,
                cacheReadPerMtok,
                cacheWritePerMtok,
                cacheWrite1hPerMtok,
                perMtok,
                batchInputPerMtok,
                batchOutputPerMtok);
    }

    public PriceOverride withBatch(BigDecimal inputPerMtok, BigDecimal outputPerMtok) {
        return new PriceOverride(
                this.inputPerMtok,
                this.outputPerMtok,
                cacheReadPerMtok,
                cacheWritePerMtok,
                cacheWrite1hPerMtok,
                reasoningPerMtok,
                inputPerMtok,
                outputPerMtok);
    }

    /** Real-time rates in USD per token (exact: moving the decimal point never rounds). */
    public Rates rates() {
        return new Rates(
                perToken(inputPerMtok),
                perToken(outputPerMtok),
                perToken(cacheReadPerMtok),
                perToken(cacheWritePerMtok),
                perToken(cacheWrite1hPerMtok),
                perToken(reasoningPerMtok));
    }

    public Rates batchRates() {
        return new Rates(perToken(batchInputPerMtok), perToken(batchOutputPerMtok), null, null, null, null);
    }

    /** A stable text of the prices set, for the version id: equal overrides give equal text. */
    String canonical() {
        Map<String, BigDecimal> set = new TreeMap<>();
        put(set, "input", inputPerMtok);
        put(set, "output", outputPerMtok);
        put(set, "cache_read", cacheReadPerMtok);
        put(set, "cache_write", cacheWritePerMtok);
        put(set, "cache_write_1h", cacheWrite1hPerMtok);
        put(set, "reasoning", reasoningPerMtok);
        put(set, "batch_input", batchInputPerMtok);
        put(set, "batch_output", batchOutputPerMtok);
        StringBuilder sb = new StringBuilder();
        set.forEach((k, v) -> sb.append(k)
                .append('=')
                .append(v.stripTrailingZeros().toPlainString())
                .append(';'));
        return sb.toString();
    }

    private static void put(Map<String, BigDecimal> m, String k, BigDecimal v) {
        if (v != null) m.put(k, v);
    }

    private static BigDecimal perToken(BigDecimal perMtok) {
        return perMtok == null ? null : perMtok.movePointLeft(PER_MILLION);
    }
}
