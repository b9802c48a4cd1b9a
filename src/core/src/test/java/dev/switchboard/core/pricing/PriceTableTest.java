package dev.switchboard.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.cost.PriceRequest;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.Usage;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

    @Test
    void bundledSnapshotLoadsWithItsVersionAndLicenceNotice() throws Exception {
        PriceTable t = PriceTable.bundled();
        assertThat(t.version()).isEqualTo("litellm-2026-07-24-8442b93+batch1");
        assertThat(t.source()).contains("BerriAI/litellm", "8442b93");
        assertThat(t.license()).contains("Copyright (c) 2023 Berri AI", "MIT License", "Permission is hereby granted");
        assertThat(t.size()).isGreaterThan(700);
        try (InputStream licence = PriceTable.class.getResourceAsStream("/switchboard/pricing/LICENSE.litellm")) {
            assertThat(licence).isNotNull();
            assertThat(new String(licence.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("Copyright (c) 2023 Berri AI");
        }
    }

    @Test
    void bundledSnapshotHoldsOnlyOurProviderFamiliesWithTokenPrices() {
        for (PriceEntry e : PriceTable.bundled().models().values()) {
            assertThat(e.provider())
                    .matches("openai|text-completion-openai|azure|azure_text|anthropic|gemini|bedrock"
                            + "|bedrock_converse|vertex_ai(-.*)?");
            assertThat(e.mode()).isIn("chat", "completion", "responses");
            assertThat(e.rates().input() != null || e.rates().output() != null)
                    .as(e.key())
                    .isTrue();
        }
    }

    @Test
    void bundledEntryParsesRatesTiersBatchAndMetadataExactly() {
        PriceEntry e = PriceTable.bundled().entry("claude-sonnet-4-5").orElseThrow();
        assertThat(e.rates().input()).isEqualTo(new BigDecimal("0.000003"));
        assertThat(e.rates().cacheWrite()).isEqualTo(new BigDecimal("0.00000375"));
        assertThat(e.rates().cacheWrite1h()).isEqualTo(new BigDecimal("0.000006"));
        assertThat(e.tiers()).singleElement().satisfies(t -> {
            assertThat(t.aboveInputTokens()).isEqualTo(200_000);
            assertThat(t.rates().cacheWrite1h()).isEqualTo(new BigDecimal("0.000012"));
            assertThat(t.rates().output()).isEqualTo(new BigDecimal("0.0000225"));
        });
        assertThat(e.metadata().contextWindow()).isEqualTo(200_000L);
        PriceEntry gpt = PriceTable.bundled().entry("gpt-4o").orElseThrow();
        assertThat(gpt.batchRates().input()).isEqualTo(new BigDecimal("0.00000125"));
        assertThat(gpt.batchRates().output()).isEqualTo(new BigDecimal("0.000005"));
    }

    @Test
    void catalogMergesAPriceFileOverTheBundledTable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {"version": "acme-2026-08",
                 "models": {
                   "gpt-4o": {"litellm_provider": "openai", "input_cost_per_token": 0.000002, "output_cost_per_token": 0.000008},
                   "acme/house-model": {"input_cost_per_token": 1e-7, "output_cost_per_token": 2e-7, "max_input_tokens": 32000}
                 }}
                """);
        PriceCatalog catalog = PriceCatalog.load(file, Map.of());
        assertThat(catalog.version()).isEqualTo("litellm-2026-07-24-8442b93+batch1+acme-2026-08");
        CatalogPricer pricer = new CatalogPricer(catalog);
        // the file's gpt-4o: 1,000 × 0.000002 = 0.002; 500 × 0.000008 = 0.004; total 0.006
        assertThat(pricer.quote(new PriceRequest(
                                new ModelRef("openai", "gpt-4o"), "openai", null, Usage.of(1_000, 500), false))
                        .costUsd())
                .isEqualTo(new BigDecimal("0.006"));
        // the rest of the bundle is still there
        assertThat(catalog.table().entry("claude-sonnet-4-5")).isPresent();
        assertThat(catalog.table()
                        .entry("acme/house-model")
                        .orElseThrow()
                        .metadata()
                        .contextWindow())
                .isEqualTo(32_000L);
    }

    @Test
    void aPriceFileMayStateBatchCacheRatesTheBundledTableLacks() {
        PriceTable t = PriceTable.read("""
                {"version": "v", "models": {"m": {
                  "input_cost_per_token_batches": 0.000001, "output_cost_per_token_batches": 0.000004,
                  "cache_read_input_token_cost_batches": 0.0000001}}}
                """.getBytes(StandardCharsets.UTF_8), "inline");
        PriceEntry e = t.entry("m").orElseThrow();
        // batch: 500 uncached × 0.000001 = 0.0005; 500 read × 0.0000001 = 0.00005; 10 × 0.000004 = 0.00004
        // total 0.00059 (without the batch cache-read rate this call would be unknown)
        assertThat(CostCalculator.cost(new Usage(1_000L, 10L, 500L, null, null), e, true)
                        .totalUsd())
                .isEqualTo(new BigDecimal("0.00059"));
    }

    @Test
    void aPriceFileWithoutAVersionIsNamedByItsHash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"models\": {}}");
        assertThat(PriceTable.read(file).version()).matches("file-[0-9a-f]{8}");
    }

    @Test
    void aBrokenPriceFileIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"models\": {\"m\": {\"input_cost_per_token\": \"cheap\"}}}");
        assertThatThrownBy(() -> PriceCatalog.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m.input_cost_per_token");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> PriceTable.read(file)).hasMessageContaining("malformed JSON");
        Files.writeString(file, "{\"gpt-4o\": {}}");
        assertThatThrownBy(() -> PriceTable.read(file)).hasMessageContaining("no \"models\" object");
    }
}
