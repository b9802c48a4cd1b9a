package dev.switchboard.core.pricing;

import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The cost of a call: a pure function of its usage, its price entry and whether it ran as a batch.
 *
 * <p>Usage follows OpenAI's conventions (input includes cache reads and writes; output includes reasoning), so
 * <pre>
 *   cost = (input − cacheRead − cacheWrite)  × input rate
 *        + cacheRead                          × cache-read rate
 *        + (cacheWrite − cacheWrite1h)        × cache-write rate
 *        + cacheWrite1h                       × cache-write-1h rate   (the cache-write rate when the table has no 1h rate)
 *        + (output − reasoning)               × output rate
 *        + reasoning                          × reasoning rate        (the output rate unless the table prices reasoning apart)
 * </pre>
 * Inconsistent counts are clamped (a part never exceeds what contains it, nothing goes negative). A cache or
 * reasoning count that was not reported counts as zero, so those tokens are priced inside input or output;
 * unreported input or output makes the cost unknown.
 *
 * <p><b>Long context.</b> When the input tokens (cached ones included: they are part of the prompt) exceed a
 * tier's threshold ({@code _above_200k_tokens}: more than 200,000), that tier's rates replace the base rates for
 * the kinds of token the tier prices; other kinds keep their rate. With several tiers (128k, 200k, 272k...), each
 * exceeded one is applied in ascending order, so the highest exceeded tier wins for the kinds it prices.
 *
 * <p><b>Batch.</b> A batch call uses the table's {@code *_batches} rates. The table gives batch rates for input
 * and output only, and only for some models; where a batch rate is missing for a non-zero count the cost is
 * <em>unknown</em>: no 50% is assumed and real-time rates are not substituted (either would be a guess, and the
 * discount differs by provider). Consequences: a batch call with cache reads or writes is unknown unless a price
 * file states {@code cache_read_input_token_cost_batches} etc.; a batch call past a long-context threshold is
 * unknown for the kinds the tier reprices unless the tier states batch rates. Reasoning in a batch is billed at
 * the batch output rate when the table prices reasoning like output (or not at all); if reasoning has a
 * different real-time rate and no batch rate, it is unknown.
 *
 * <p><b>Missing rates.</b> A rate the table lacks for a non-zero token count makes the cost unknown (null) —
 * never a silent zero. Zero tokens of a kind need no rate.
 *
 * <p><b>Precision.</b> BigDecimal end to end and no division, so every product and sum is exact; the result is
 * returned exactly, with trailing zeros stripped (and never a negative scale). Rounding, if any, belongs to
 * whoever presents money (e.g. to cents in a report), never to what is recorded.
 */
public final class CostCalculator {
    private CostCalculator() {}

    public static CostBreakdown cost(Usage usage, PriceEntry entry, boolean batch) {
        if (usage == null || usage.inputTokens() == null || usage.outputTokens() == null) {
            return CostBreakdown.unknown("input or output tokens not reported");
        }
        long input = Math.max(0, usage.inputTokens());
        long cacheRead = clamp(usage.cacheReadTokens(), input);
        long cacheWrite = clamp(usage.cacheWriteTokens(), input - cacheRead);
        long cacheWrite1h = clamp(usage.cacheWrite1hTokens(), cacheWrite);
        long output = Math.max(0, usage.outputTokens());
        long reasoning = clamp(usage.reasoningTokens(), output);

        Rates realtime = entry.rates();
        Long tier = null;
        Set<RateKind> tiered = EnumSet.noneOf(RateKind.class);
        Set<RateKind> tieredBatch = EnumSet.noneOf(RateKind.class);
        Rates batchRates = entry.batchRates();
        for (PriceTier t : entry.tiers()) {
            if (!t.appliesTo(input)) continue;
            tier = t.aboveInputTokens();
            realtime = realtime.overlay(t.rates());
            batchRates = batchRates.overlay(t.batchRates());
            tiered.addAll(t.rates().present());
            tieredBatch.addAll(t.batchRates().present());
        }
        Rates r = realtime;
        if (batch) {
            // a long-context real-time rate without a long-context batch rate: the base batch rate would be a guess
            tiered.removeAll(tieredBatch);
            r = batchRates.without(tiered);
        }

        List<String> missing = new ArrayList<>();
        BigDecimal in = part(input - cacheRead - cacheWrite, r.input(), "input", missing);
        BigDecimal read = part(cacheRead, r.cacheRead(), "cache read", missing);
        BigDecimal write = sum(
                part(cacheWrite - cacheWrite1h, r.cacheWrite(), "cache write", missing),
                part(
                        cacheWrite1h,
                        r.cacheWrite1h() != null ? r.cacheWrite1h() : r.cacheWrite(),
                        "1h cache write",
                        missing));
        BigDecimal out = part(output - reasoning, r.output(), "output", missing);
        BigDecimal think = part(reasoning, reasoningRate(r, realtime, batch), "reasoning", missing);

        if (!missing.isEmpty()) {
            String reason = "no " + (batch ? "batch " : "") + "rate for " + String.join(", ", missing) + " in "
                    + entry.key() + (tier != null ? " above " + tier + " input tokens" : "");
            return new CostBreakdown(
                    null, exact(in), exact(read), exact(write), exact(out), exact(think), tier, reason);
        }
        BigDecimal total = in.add(read).add(write).add(out).add(think);
        return new CostBreakdown(
                exact(total), exact(in), exact(read), exact(write), exact(out), exact(think), tier, null);
    }

    private static BigDecimal reasoningRate(Rates r, Rates realtime, boolean batch) {
        if (r.reasoning() != null) return r.reasoning();
        if (!batch) return r.output();
        // batch: reasoning is output unless real-time prices it differently (then a batch rate would be a guess)
        BigDecimal rt = realtime.reasoning();
        boolean likeOutput = rt == null || (realtime.output() != null && rt.compareTo(realtime.output()) == 0);
        return likeOutput ? r.output() : null;
    }

    private static BigDecimal part(long tokens, BigDecimal rate, String what, List<String> missing) {
        if (tokens == 0) return BigDecimal.ZERO;
        if (rate == null) {
            missing.add(what + " (" + tokens + " tokens)");
            return null;
        }
        return rate.multiply(BigDecimal.valueOf(tokens));
    }

    private static BigDecimal sum(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.add(b);
    }

    private static long clamp(Long v, long max) {
        return v == null ? 0 : Math.max(0, Math.min(v, max));
    }

    /** Exact value without trailing zeros; never a negative scale, so 100 stays "100" not "1E+2". */
    static BigDecimal exact(BigDecimal v) {
        if (v == null) return null;
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
