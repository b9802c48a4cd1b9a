package dev.switchboard.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.model.ModelRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceCatalogTest {
    private static final PriceCatalog BUNDLED = PriceCatalog.bundled();

    @Test
    void keyRulesPerProviderType() {
        assertThat(keys("openai", "gpt-4o", "gpt-4o-2024-08-06")).containsExactly("gpt-4o-2024-08-06", "gpt-4o");
        assertThat(keys("azure-openai", "chat-prod", "gpt-4o-2024-08-06"))
                .containsExactly(
                        "azure/gpt-4o-2024-08-06", "azure/gpt-4o", "azure/chat-prod", "gpt-4o-2024-08-06", "gpt-4o");
        assertThat(keys("anthropic", "claude-sonnet-4-5", null))
                .containsExactly("claude-sonnet-4-5", "anthropic/claude-sonnet-4-5");
        assertThat(keys("gemini", "models/gemini-2.5-pro", null))
                .containsExactly("gemini/gemini-2.5-pro", "gemini-2.5-pro");
        assertThat(keys("vertex", "publishers/google/models/gemini-2.5-pro", null))
                .containsExactly("vertex_ai/gemini-2.5-pro", "gemini-2.5-pro");
        assertThat(keys("bedrock", "us.anthropic.claude-haiku-4-5-20251001-v1:0", null))
                .containsExactly(
                        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                                "bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0",
                        "anthropic.claude-haiku-4-5-20251001-v1:0", "bedrock/anthropic.claude-haiku-4-5-20251001-v1:0");
        assertThat(keys(
                        "bedrock",
                        "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.meta.llama3-2-3b-instruct-v1:0",
                        null))
                .startsWith("eu.meta.llama3-2-3b-instruct-v1:0");
        assertThat(keys("openai-compatible", "llama3.1:8b", null)).isEmpty();
    }

    @Test
    void crossRegionPrefixIsStrippedOnlyFromVendorModelIds() {
        assertThat(PriceKeys.withoutCrossRegion("us-gov.anthropic.claude-x")).isEqualTo("anthropic.claude-x");
        assertThat(PriceKeys.withoutCrossRegion("global.amazon.nova-2-lite-v1:0"))
                .isEqualTo("amazon.nova-2-lite-v1:0");
        assertThat(PriceKeys.withoutCrossRegion("meta.llama3-70b-instruct-v1:0"))
                .isEqualTo("meta.llama3-70b-instruct-v1:0");
        assertThat(PriceKeys.withoutCrossRegion("us.model")).isEqualTo("us.model");
    }

    @Test
    void vertexHostedClaudeResolvesThroughTheVertexPrefix() {
        PriceEntry e = BUNDLED.find(new ModelRef("vertex", "claude-sonnet-4-5@20250929"), "vertex", null)
                .orElseThrow();
        assertThat(e.key()).isEqualTo("vertex_ai/claude-sonnet-4-5@20250929");
        assertThat(e.provider()).isEqualTo("vertex_ai-anthropic_models");
    }

    @Test
    void metadataForRouting() {
        ModelMetadata m = BUNDLED.metadata(new ModelRef("anthropic", "claude-sonnet-4-5"), "anthropic", null)
                .orElseThrow();
        assertThat(m.contextWindow()).isEqualTo(200_000L);
        assertThat(m.maxOutputTokens()).isEqualTo(64_000L);
        assertThat(m.supportsVision()).isTrue();
        assertThat(m.supportsTools()).isTrue();
        assertThat(m.supportsJsonSchema()).isTrue();
        assertThat(m.supportsReasoning()).isTrue();

        ModelMetadata azure = BUNDLED.metadata(new ModelRef("az", "prod"), "azure-openai", "gpt-4o-2024-08-06")
                .orElseThrow();
        assertThat(azure.deprecationDate()).isEqualTo(LocalDate.of(2026, 2, 27));
        assertThat(azure.deprecatedOn(LocalDate.of(2026, 3, 1))).isTrue();
        assertThat(azure.supportsReasoning()).as("the table does not say").isNull();
        assertThat(azure.supportsVision()).isTrue();

        assertThat(BUNDLED.metadata(new ModelRef("ollama", "llama3.1:8b"), "openai-compatible", null))
                .isEmpty();
        assertThat(BUNDLED.metadata(new ModelRef("openai", "gpt-unknown"), "openai", null))
                .isEmpty();
    }

    @Test
    void versionNamesTheOverridesAndChangesWithThem() {
        PriceOverride a = PriceOverride.of(new BigDecimal("1.0"), new BigDecimal("2"));
        String v1 = PriceCatalog.of(PriceTable.bundled(), Map.of("p/m", a)).version();
        String same = PriceCatalog.of(
                        PriceTable.bundled(),
                        Map.of("p/m", PriceOverride.of(new BigDecimal("1"), new BigDecimal("2.00"))))
                .version();
        String other = PriceCatalog.of(
                        PriceTable.bundled(),
                        Map.of("p/m", PriceOverride.of(new BigDecimal("1.1"), new BigDecimal("2"))))
                .version();
        assertThat(v1).matches("litellm-2026-07-24-8442b93\\+batch1\\+overrides-[0-9a-f]{8}");
        assertThat(same).isEqualTo(v1);
        assertThat(other).isNotEqualTo(v1);
        assertThat(BUNDLED.version()).isEqualTo("litellm-2026-07-24-8442b93+batch1");
    }

    @Test
    void theBundledCatalogNamesWhatItsParsedTableSaysBeforeParsingIt() {
        // the catalog a server starts with reads only the table's header; cost records must carry the same version
        // and the startup line the same count as the full table, and overrides hash alike either way
        PriceTable parsed = PriceTable.bundled();
        PriceOverride o = PriceOverride.of(new BigDecimal("1"), new BigDecimal("2"));
        PriceCatalog startup = PriceCatalog.load(null, Map.of("p/m", o));
        assertThat(PriceTable.bundledHeader()).isEqualTo(new PriceTable.Header(parsed.version(), parsed.size()));
        assertThat(startup.version())
                .isEqualTo(PriceCatalog.of(parsed, Map.of("p/m", o)).version());
        assertThat(startup.tableSize()).isEqualTo(parsed.size());
        assertThat(startup.find(ModelRef.parse("openai/gpt-4o"), "openai", null))
                .isEqualTo(PriceCatalog.of(parsed, Map.of()).find(ModelRef.parse("openai/gpt-4o"), "openai", null));
    }

    @Test
    void overrideRatesArePerMillionTokensAndLayOverTheTable() {
        PriceCatalog c = PriceCatalog.of(
                PriceTable.bundled(),
                Map.of(
                        "openai/gpt-4o",
                        PriceOverride.of(new BigDecimal("2"), null)
                                .withCache(new BigDecimal("0.5"), null, null)
                                .withBatch(new BigDecimal("1"), null)));
        PriceEntry e = c.find(new ModelRef("openai", "gpt-4o"), "openai", null).orElseThrow();
        assertThat(e.rates().input()).isEqualByComparingTo("0.000002");
        assertThat(e.rates().cacheRead()).isEqualByComparingTo("0.0000005");
        assertThat(e.rates().output()).isEqualByComparingTo("0.00001"); // the table's
        assertThat(e.batchRates().input()).isEqualByComparingTo("0.000001");
        assertThat(e.batchRates().output()).isEqualByComparingTo("0.000005"); // the table's
        assertThat(e.key()).isEqualTo("gpt-4o+override:openai/gpt-4o");
        assertThat(e.metadata()).isNotNull();
    }

    private static List<String> keys(String type, String model, String reported) {
        return PriceKeys.candidates(type, model, reported).stream()
                .map(PriceKeys.Candidate::key)
                .toList();
    }
}
