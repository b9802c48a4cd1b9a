package dev.switchboard.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.cost.PriceRequest;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calls priced end to end against the bundled snapshot litellm-2026-07-24-8442b93+batch1. The rates quoted in the
 * comments are that snapshot's; a refresh that changes one must update the expected value here, on purpose, so
 * that every price change is seen in review.
 */
class CatalogPricerTest {
    private static final String VERSION = "litellm-2026-07-24-8442b93+batch1";
    private static final CatalogPricer PRICER = new CatalogPricer(PriceCatalog.bundled());

    @Test
    void plainOpenAiCall() {
        // gpt-4o: input $2.50, output $10 per Mtok. 1,000 × 0.0000025 = 0.0025; 500 × 0.00001 = 0.005
        PriceQuote q = quote("openai", "gpt-4o", "openai", null, Usage.of(1_000, 500));
        assertThat(q.costUsd()).isEqualTo(new BigDecimal("0.0075"));
        assertThat(q.known()).isTrue();
        assertThat(q.priceVersion()).isEqualTo(VERSION);
    }

    @Test
    void openAiCachedInput() {
        // gpt-4o, 1,200 input of which 200 cached ($1.25), 350 output:
        // 1,000 × 0.0000025 = 0.0025; 200 × 0.00000125 = 0.00025; 350 × 0.00001 = 0.0035; total 0.00625
        PriceQuote q = quote("openai", "gpt-4o", "openai", null, new Usage(1_200L, 350L, 200L, null, null));
        assertThat(q.costUsd()).isEqualTo(new BigDecimal("0.00625"));
    }

    @Test
    void datedOpenAiSnapshotIsPricedAsTheSnapshotThatAnswered() {
        // called the alias gpt-4o, answered by gpt-4o-2024-05-13 ($5 / $15):
        // 1,000 × 0.000005 = 0.005; 500 × 0.000015 = 0.0075; total 0.0125 (the alias would say 0.0075)
        assertThat(quote("openai", "gpt-4o", "openai", "gpt-4o-2024-05-13", Usage.of(1_000, 500))
                        .costUsd())
                .isEqualTo(new BigDecimal("0.0125"));
        // a snapshot newer than the table falls back to its undated id, gpt-4o: 0.0075
        assertThat(quote("openai", "gpt-4o", "openai", "gpt-4o-2099-01-01", Usage.of(1_000, 500))
                        .costUsd())
                .isEqualTo(new BigDecimal("0.0075"));
    }

    @Test
    void anthropicCacheReadAndFiveMinuteCacheWrite() {
        // claude-sonnet-4-5-20250929: input $3, cache read $0.30, cache write (5 min) $3.75, output $15.
        // 10,000 input = 2,000 uncached + 6,000 read + 2,000 written; 1,000 output:
        // 2,000 × 0.000003 = 0.006; 6,000 × 0.0000003 = 0.0018; 2,000 × 0.00000375 = 0.0075;
        // 1,000 × 0.000015 = 0.015; total 0.0303
        Usage u = new Usage(10_000L, 1_000L, 6_000L, 2_000L, null);
        assertThat(quote("anthropic", "claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5-20250929", u)
                        .costUsd())
                .isEqualTo(new BigDecimal("0.0303"));
    }

    @Test
    void anthropicOneHourCacheWrite() {
        // cache write 1 h $6. 10,000 input = 6,000 uncached + 4,000 written, 3,000 of them for 1 h; 500 output:
        // 6,000 × 0.000003 = 0.018; 1,000 × 0.00000375 = 0.00375; 3,000 × 0.000006 = 0.018;
        // 500 × 0.000015 = 0.0075; total 0.04725
        Usage u = new Usage(10_000L, 500L, 0L, 4_000L, null, 3_000L);
        assertThat(quote("anthropic", "claude-sonnet-4-5-20250929", "anthropic", null, u)
                        .costUsd())
                .isEqualTo(new BigDecimal("0.04725"));
    }

    @Test
    void bedrockCacheReadAndWrite() {
        // us.anthropic.claude-sonnet-4-5-20250929-v1:0 (the US cross-region profile, 10% above list):
        // input $3.30, cache read $0.33, cache write $4.125, output $16.50.
        // 5,000 input = 1,000 uncached + 3,000 read + 1,000 written; 200 output:
        // 1,000 × 0.0000033 = 0.0033; 3,000 × 0.00000033 = 0.00099; 1,000 × 0.000004125 = 0.004125;
        // 200 × 0.0000165 = 0.0033; total 0.011715
        Usage u = new Usage(5_000L, 200L, 3_000L, 1_000L, null);
        assertThat(quote("bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock", null, u)
                        .costUsd())
                .isEqualTo(new BigDecimal("0.011715"));
    }

    @Test
    void bedrockCrossRegionProfileWithoutItsOwnEntryFallsBackToTheBaseModel() {
        // apac.… is not in the table; anthropic.claude-sonnet-4-5-20250929-v1:0 is ($3 / $15):
        // 1,000 × 0.000003 = 0.003; 100 × 0.000015 = 0.0015; total 0.0045
        assertThat(quote(
                                "bedrock",
                                "apac.anthropic.claude-sonnet-4-5-20250929-v1:0",
                                "bedrock",
                                null,
                                Usage.of(1_000, 100))
                        .costUsd())
                .isEqualTo(new BigDecimal("0.0045"));
    }

    @Test
    void geminiThinkingTokensAreBilledAsOutput() {
        // gemini/gemini-2.5-flash: input $0.30, output $2.50, reasoning $2.50 (stated, equal to output).
        // 2,000 × 0.0000003 = 0.0006; 300 × 0.0000025 = 0.00075; 1,200 × 0.0000025 = 0.003; total 0.00435
        Usage u = new Usage(2_000L, 1_500L, null, null, 1_200L);
        assertThat(quote("gemini", "gemini-2.5-flash", "gemini", null, u).costUsd())
                .isEqualTo(new BigDecimal("0.00435"));
        // gemini/gemini-2.5-pro states no reasoning rate: thinking at the output rate $10.
        // 1,000 × 0.00000125 = 0.00125; 500 × 0.00001 = 0.005; 2,500 × 0.00001 = 0.025; total 0.03125
        Usage pro = new Usage(1_000L, 3_000L, null, null, 2_500L);
        assertThat(quote("gemini", "models/gemini-2.5-pro", "gemini", null, pro).costUsd())
                .isEqualTo(new BigDecimal("0.03125"));
    }

    @Test
    void longContextTierAbove200k() {
        // gemini/gemini-2.5-pro above 200k input: input $2.50, cache read $0.25, output $15.
        // 250,000 input = 200,000 uncached + 50,000 read; 2,000 output:
        // 200,000 × 0.0000025 = 0.5; 50,000 × 0.00000025 = 0.0125; 2,000 × 0.000015 = 0.03; total 0.5425
        Usage u = new Usage(250_000L, 2_000L, 50_000L, null, null);
        assertThat(quote("gemini", "gemini-2.5-pro", "gemini", null, u).costUsd())
                .isEqualTo(new BigDecimal("0.5425"));
        // exactly 200,000 is not above: 200,000 × 0.00000125 = 0.25; 2,000 × 0.00001 = 0.02; total 0.27
        assertThat(quote("gemini", "gemini-2.5-pro", "gemini", null, Usage.of(200_000, 2_000))
                        .costUsd())
                .isEqualTo(new BigDecimal("0.27"));
        // claude-sonnet-4-5 above 200k, with a 1 h cache write ($12 above 200k), input $6, output $22.50:
        // 290,000 × 0.000006 = 1.74; 10,000 × 0.000012 = 0.12; 1,000 × 0.0000225 = 0.0225; total 1.8825
        Usage claude = new Usage(300_000L, 1_000L, null, 10_000L, null, 10_000L);
        assertThat(quote("anthropic", "claude-sonnet-4-5", "anthropic", null, claude)
                        .costUsd())
                .isEqualTo(new BigDecimal("1.8825"));
    }

    @Test
    void batchRates() {
        // gpt-4o batch: input $1.25, output $5. 100,000 × 0.00000125 = 0.125; 20,000 × 0.000005 = 0.1; total 0.225
        PriceQuote q = PRICER.quote(
                new PriceRequest(new ModelRef("openai", "gpt-4o"), "openai", null, Usage.of(100_000, 20_000), true));
        assertThat(q.costUsd()).isEqualTo(new BigDecimal("0.225"));
        // claude-sonnet-4-5: LiteLLM states no batch rates; the batch1 rule derives Anthropic's documented 50% of
        // $3/$15: 100,000 × 0.0000015 = 0.15; 20,000 × 0.0000075 = 0.15; total 0.30
        PriceQuote claude = PRICER.quote(new PriceRequest(
                new ModelRef("anthropic", "claude-sonnet-4-5"), "anthropic", null, Usage.of(100_000, 20_000), true));
        assertThat(claude.costUsd()).isEqualByComparingTo("0.30");
        // a model outside every provider's documented batch list: unknown, never the real-time price
        PriceQuote fable = PRICER.quote(new PriceRequest(
                new ModelRef("anthropic", "claude-fable-5"), "anthropic", null, Usage.of(100_000, 20_000), true));
        assertThat(fable.known()).isFalse();
        assertThat(fable.costUsd()).isNull();
    }

    @Test
    void aConfiguredBatchDiscountReplacesTheTablesBatchRatesForThatProvider() {
        CatalogPricer pricer = new CatalogPricer(PriceCatalog.bundled(), Map.of("anthropic", new BigDecimal("0.4")));
        // claude-fable-5 has no batch rate at all; 40% of its on-demand rates prices it now
        PriceRequest fable = new PriceRequest(
                new ModelRef("anthropic", "claude-fable-5"), "anthropic", null, Usage.of(100_000, 20_000), true);
        PriceQuote q = pricer.quote(fable);
        PriceQuote onDemand =
                pricer.quote(new PriceRequest(fable.target(), fable.providerType(), null, fable.usage(), false));
        assertThat(q.costUsd()).isEqualByComparingTo(onDemand.costUsd().multiply(new BigDecimal("0.4")));
        assertThat(q.priceVersion()).matches("litellm-2026-07-24-8442b93\\+batch1\\+batch-discount-[0-9a-f]{8}");
        // other providers keep the table's batch rates
        PriceQuote gpt = pricer.quote(
                new PriceRequest(new ModelRef("openai", "gpt-4o"), "openai", null, Usage.of(100_000, 20_000), true));
        assertThat(gpt.costUsd()).isEqualTo(new BigDecimal("0.225"));
    }

    @Test
    void aBatchDiscountOutsideZeroToOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new CatalogPricer(PriceCatalog.bundled(), Map.of("openai", new BigDecimal("1.5"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openai");
    }

    @Test
    void configOverrideForAListedModelAndForAnUnknownOne() {
        PriceCatalog catalog = PriceCatalog.of(
                PriceTable.bundled(),
                Map.of(
                        "openai/gpt-4o",
                        new PriceOverride(new BigDecimal("2.00"), null, null, null, null, null, null, null),
                        "ollama/llama3.1:8b",
                        PriceOverride.of(new BigDecimal("0.10"), new BigDecimal("0.20"))));
        CatalogPricer pricer = new CatalogPricer(catalog);

        // negotiated input $2.00, output still the table's $10: 100,000 × 0.000002 = 0.2; 10,000 × 0.00001 = 0.1
        PriceQuote gpt = pricer.quote(request("openai", "gpt-4o", "openai", null, Usage.of(100_000, 10_000)));
        assertThat(gpt.costUsd()).isEqualTo(new BigDecimal("0.3"));
        assertThat(gpt.priceVersion()).startsWith(VERSION + "+overrides-").isEqualTo(catalog.version());

        // self-hosted, unknown to the table: 10,000 × 0.0000001 = 0.001; 5,000 × 0.0000002 = 0.001; total 0.002
        PriceQuote llama =
                pricer.quote(request("ollama", "llama3.1:8b", "openai-compatible", null, Usage.of(10_000, 5_000)));
        assertThat(llama.costUsd()).isEqualTo(new BigDecimal("0.002"));
        assertThat(llama.known()).isTrue();
        // without the override the same call has no price
        assertThat(quote("ollama", "llama3.1:8b", "openai-compatible", null, Usage.of(10_000, 5_000))
                        .known())
                .isFalse();
    }

    @Test
    void anOverriddenPriceHoldsPastTheLongContextThreshold() {
        PriceCatalog catalog = PriceCatalog.of(
                PriceTable.bundled(),
                Map.of(
                        "anthropic/claude-sonnet-4-5",
                        new PriceOverride(new BigDecimal("2.5"), null, null, null, null, null, null, null)));
        // 250,000 input at the override $2.50 (not the table's $6 tier): 0.625;
        // output keeps the table's tier rate $22.50: 1,000 × 0.0000225 = 0.0225; total 0.6475
        PriceQuote q = new CatalogPricer(catalog)
                .quote(request("anthropic", "claude-sonnet-4-5", "anthropic", null, Usage.of(250_000, 1_000)));
        assertThat(q.costUsd()).isEqualTo(new BigDecimal("0.6475"));
    }

    @Test
    void unknownModelHasNullCostAndIsNotKnown() {
        PriceQuote q = quote("openai", "gpt-does-not-exist", "openai", null, Usage.of(1_000, 500));
        assertThat(q.costUsd()).isNull();
        assertThat(q.known()).isFalse();
        assertThat(q.pricing()).isEqualTo("unknown");
        assertThat(q.priceVersion()).isEqualTo(VERSION);
    }

    @Test
    void aModelOfAnotherProviderFamilyIsNotBorrowed() {
        // gemini-2.5-pro is a bare key in the table, but a Vertex entry: an OpenAI provider cannot be priced by it
        assertThat(quote("openai", "gemini-2.5-pro", "openai", null, Usage.of(1_000, 500))
                        .known())
                .isFalse();
        assertThat(quote("vertex", "gemini-2.5-pro", "vertex", null, Usage.of(1_000, 500))
                        .known())
                .isTrue();
    }

    @Test
    void azureDeploymentIsPricedThroughItsReportedModel() {
        // deployment "chat-prod" answered as gpt-4o-mini-2024-07-18; azure/gpt-4o-mini-2024-07-18 is $0.165 / $0.66
        // (Azure's own price, above OpenAI's $0.15 / $0.60): 10,000 × 0.000000165 = 0.00165;
        // 1,000 × 0.00000066 = 0.00066; total 0.00231
        assertThat(quote("azure-prod", "chat-prod", "azure-openai", "gpt-4o-mini-2024-07-18", Usage.of(10_000, 1_000))
                        .costUsd())
                .isEqualTo(new BigDecimal("0.00231"));
        // a reported model Azure's table lacks falls back to OpenAI's price for it:
        // gpt-5-pro-2025-10-06 $15 / $120: 1,000 × 0.000015 = 0.015; 100 × 0.00012 = 0.012; total 0.027
        assertThat(quote("azure-prod", "pro", "azure-openai", "gpt-5-pro-2025-10-06", Usage.of(1_000, 100))
                        .costUsd())
                .isEqualTo(new BigDecimal("0.027"));
        // no reported model: the deployment name, when it is a model name (azure/gpt-4o: $2.50 / $10) = 0.0075
        assertThat(quote("azure-prod", "gpt-4o", "azure-openai", null, Usage.of(1_000, 500))
                        .costUsd())
                .isEqualTo(new BigDecimal("0.0075"));
        // an arbitrary deployment name with no reported model: unknown
        assertThat(quote("azure-prod", "chat-prod", "azure-openai", null, Usage.of(1_000, 500))
                        .known())
                .isFalse();
    }

    @Test
    void neverThrows() {
        dev.switchboard.core.cost.Pricer broken =
                new CatalogPricer(PriceCatalog.of(new PriceTable("v", null, null, Map.of()), Map.of()));
        assertThat(broken.quote(request("x", "y", "no-such-type", null, Usage.NOT_REPORTED))
                        .known())
                .isFalse();
    }

    private static PriceQuote quote(String provider, String model, String type, String reported, Usage usage) {
        return PRICER.quote(request(provider, model, type, reported, usage));
    }

    private static PriceRequest request(String provider, String model, String type, String reported, Usage usage) {
        return new PriceRequest(new ModelRef(provider, model), type, reported, usage, false);
    }
}
