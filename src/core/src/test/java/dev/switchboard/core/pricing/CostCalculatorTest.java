package dev.switchboard.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cost function alone, on hand-built price entries, so the arithmetic does not move with a table refresh. */
class CostCalculatorTest {
    // $2 / $8 per Mtok, cache read $0.50, cache write $2.50 (5 min) / $4 (1 h), no separate reasoning rate
    private static final Rates BASE = rates("0.000002", "0.000008", "0.0000005", "0.0000025", "0.000004", null);

    @Test
    void plainInputAndOutput() {
        // 1,000 × 0.000002 = 0.002; 500 × 0.000008 = 0.004; total 0.006
        CostBreakdown b = CostCalculator.cost(Usage.of(1_000, 500), entry(BASE), false);
        assertThat(b.totalUsd()).isEqualTo(new BigDecimal("0.006"));
        assertThat(b.inputUsd()).isEqualTo(new BigDecimal("0.002"));
        assertThat(b.outputUsd()).isEqualTo(new BigDecimal("0.004"));
        assertThat(b.tierAboveTokens()).isNull();
    }

    @Test
    void cacheReadsAndBothCacheLifetimesArePricedApartFromInput() {
        // input 10,000 = 4,000 uncached + 3,000 read + 3,000 written (1,000 of them with a 1 h lifetime)
        // 4,000 × 0.000002 = 0.008; 3,000 × 0.0000005 = 0.0015;
        // 2,000 × 0.0000025 = 0.005; 1,000 × 0.000004 = 0.004; output 100 × 0.000008 = 0.0008
        // total 0.008 + 0.0015 + 0.005 + 0.004 + 0.0008 = 0.0193
        Usage u = new Usage(10_000L, 100L, 3_000L, 3_000L, null, 1_000L);
        CostBreakdown b = CostCalculator.cost(u, entry(BASE), false);
        assertThat(b.totalUsd()).isEqualTo(new BigDecimal("0.0193"));
        assertThat(b.cacheReadUsd()).isEqualTo(new BigDecimal("0.0015"));
        assertThat(b.cacheWriteUsd()).isEqualTo(new BigDecimal("0.009"));
    }

    @Test
    void oneHourWritesFallBackToTheCacheWriteRateWhenTheTableHasNoOneHourRate() {
        Rates no1h = BASE.with(RateKind.CACHE_WRITE_1H, null);
        // 1,000 written, all 1 h: 1,000 × 0.0000025 = 0.0025; no other tokens
        Usage u = new Usage(1_000L, 0L, 0L, 1_000L, null, 1_000L);
        assertThat(CostCalculator.cost(u, entry(no1h), false).totalUsd()).isEqualTo(new BigDecimal("0.0025"));
    }

    @Test
    void reasoningIsBilledAsOutputUnlessPricedApart() {
        Usage u = new Usage(0L, 1_000L, null, null, 800L);
        // as output: 1,000 × 0.000008 = 0.008
        assertThat(CostCalculator.cost(u, entry(BASE), false).totalUsd()).isEqualTo(new BigDecimal("0.008"));
        // priced apart at $3/Mtok: 200 × 0.000008 = 0.0016; 800 × 0.000003 = 0.0024; total 0.004
        Rates apart = BASE.with(RateKind.REASONING, new BigDecimal("0.000003"));
        CostBreakdown b = CostCalculator.cost(u, entry(apart), false);
        assertThat(b.totalUsd()).isEqualTo(new BigDecimal("0.004"));
        assertThat(b.reasoningUsd()).isEqualTo(new BigDecimal("0.0024"));
    }

    @Test
    void longContextTiersApplyFieldByFieldAndTheHighestExceededWins() {
        // above 128k: input $4, output $16; above 200k: input $6 only (output keeps the 128k rate)
        PriceEntry e = new PriceEntry(
                "tiered",
                null,
                "chat",
                BASE,
                Rates.NONE,
                List.of(
                        new PriceTier(200_000, rates("0.000006", null, null, null, null, null), null),
                        new PriceTier(128_000, rates("0.000004", "0.000016", null, null, null, null), null)),
                null);
        // exactly 128,000 is not above the threshold: 128,000 × 0.000002 = 0.256; 10 × 0.000008 = 0.00008
        assertThat(CostCalculator.cost(Usage.of(128_000, 10), e, false).totalUsd())
                .isEqualTo(new BigDecimal("0.25608"));
        // 150,000 × 0.000004 = 0.6; 10 × 0.000016 = 0.00016; total 0.60016
        assertThat(CostCalculator.cost(Usage.of(150_000, 10), e, false).totalUsd())
                .isEqualTo(new BigDecimal("0.60016"));
        // 250,000 input including 50,000 cache reads (they count toward the threshold, keep the base read rate):
        // 200,000 × 0.000006 = 1.2; 50,000 × 0.0000005 = 0.025; 10 × 0.000016 = 0.00016; total 1.22516
        CostBreakdown b = CostCalculator.cost(new Usage(250_000L, 10L, 50_000L, null, null), e, false);
        assertThat(b.totalUsd()).isEqualTo(new BigDecimal("1.22516"));
        assertThat(b.tierAboveTokens()).isEqualTo(200_000L);
    }

    @Test
    void batchUsesBatchRates() {
        PriceEntry e = new PriceEntry(
                "b", null, "chat", BASE, rates("0.000001", "0.000004", null, null, null, null), null, null);
        // 100,000 × 0.000001 = 0.1; 20,000 × 0.000004 = 0.08; total 0.18
        assertThat(CostCalculator.cost(Usage.of(100_000, 20_000), e, true).totalUsd())
                .isEqualTo(new BigDecimal("0.18"));
        // reasoning has no batch rate and no real-time rate of its own: billed at the batch output rate
        // 20,000 output (15,000 reasoning) × 0.000004 = 0.08, same total
        assertThat(CostCalculator.cost(new Usage(100_000L, 20_000L, null, null, 15_000L), e, true)
                        .totalUsd())
                .isEqualTo(new BigDecimal("0.18"));
    }

    @Test
    void batchWithoutABatchRateIsUnknownNotGuessed() {
        CostBreakdown b = CostCalculator.cost(Usage.of(1_000, 10), entry(BASE), true);
        assertThat(b.known()).isFalse();
        assertThat(b.totalUsd()).isNull();
        assertThat(b.unknownReason()).contains("batch", "input (1000 tokens)", "output (10 tokens)");

        // batch input/output given, but cache reads have no batch rate: unknown too
        PriceEntry e = new PriceEntry(
                "b", null, "chat", BASE, rates("0.000001", "0.000004", null, null, null, null), null, null);
        assertThat(CostCalculator.cost(new Usage(1_000L, 10L, 500L, null, null), e, true)
                        .known())
                .isFalse();
        // reasoning priced apart in real time and not in batch: unknown
        PriceEntry apart = new PriceEntry(
                "b",
                null,
                "chat",
                BASE.with(RateKind.REASONING, new BigDecimal("0.000003")),
                rates("0.000001", "0.000004", null, null, null, null),
                null,
                null);
        assertThat(CostCalculator.cost(new Usage(0L, 10L, null, null, 5L), apart, true)
                        .known())
                .isFalse();
    }

    @Test
    void batchPastALongContextThresholdIsUnknownForTheRepricedKinds() {
        PriceEntry e = new PriceEntry(
                "bt",
                null,
                "chat",
                BASE,
                rates("0.000001", "0.000004", null, null, null, null),
                List.of(new PriceTier(200_000, rates("0.000004", null, null, null, null, null), null)),
                null);
        assertThat(CostCalculator.cost(Usage.of(100_000, 10), e, true).known()).isTrue();
        CostBreakdown b = CostCalculator.cost(Usage.of(250_000, 10), e, true);
        assertThat(b.known()).isFalse();
        assertThat(b.unknownReason()).contains("input").doesNotContain("output");
    }

    @Test
    void aMissingRateForNonZeroTokensMakesTheCostUnknownNeverZero() {
        Rates noCacheRead = BASE.with(RateKind.CACHE_READ, null);
        CostBreakdown b = CostCalculator.cost(new Usage(1_000L, 10L, 100L, null, null), entry(noCacheRead), false);
        assertThat(b.totalUsd()).isNull();
        assertThat(b.cacheReadUsd()).isNull();
        assertThat(b.inputUsd()).isEqualTo(new BigDecimal("0.0018")); // 900 × 0.000002, the known part
        assertThat(b.unknownReason()).contains("cache read (100 tokens)");
        // zero tokens need no rate
        assertThat(CostCalculator.cost(new Usage(1_000L, 10L, 0L, null, null), entry(noCacheRead), false)
                        .known())
                .isTrue();
    }

    @Test
    void unreportedUsageIsUnknownButZeroUsageCostsZero() {
        assertThat(CostCalculator.cost(Usage.NOT_REPORTED, entry(BASE), false).known())
                .isFalse();
        assertThat(CostCalculator.cost(new Usage(100L, null, null, null, null), entry(BASE), false)
                        .known())
                .isFalse();
        assertThat(CostCalculator.cost(Usage.of(0, 0), entry(BASE), false).totalUsd())
                .isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void inconsistentCountsAreClamped() {
        // cache read larger than input: everything is a cache read, 100 × 0.0000005 = 0.00005
        // reasoning larger than output: all 10 output tokens are reasoning, 10 × 0.000008 = 0.00008
        Usage u = new Usage(100L, 10L, 500L, 50L, 99L, 70L);
        assertThat(CostCalculator.cost(u, entry(BASE), false).totalUsd()).isEqualTo(new BigDecimal("0.00013"));
    }

    @Test
    void resultsAreExactWithoutTrailingZerosOrExponents() {
        // 1,000,000 × 0.000002 = 2 and 1,000,000 × 0.000008 = 8: "10", not "1E+1" or "10.000000"
        BigDecimal total = CostCalculator.cost(Usage.of(1_000_000, 1_000_000), entry(BASE), false)
                .totalUsd();
        assertThat(total.toString()).isEqualTo("10");
        // tiny: 1 token × $0.075/Mtok = 0.000000075, kept exactly (no rounding to 10 places)
        Rates tiny = rates("0.000000075", "0", null, null, null, null);
        assertThat(CostCalculator.cost(Usage.of(1, 0), entry(tiny), false).totalUsd())
                .isEqualTo(new BigDecimal("0.000000075"));
    }

    static PriceEntry entry(Rates rates) {
        return new PriceEntry("test", null, "chat", rates, Rates.NONE, List.of(), null);
    }

    static Rates rates(String in, String out, String read, String write, String write1h, String reasoning) {
        return new Rates(dec(in), dec(out), dec(read), dec(write), dec(write1h), dec(reasoning));
    }

    private static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }
}
