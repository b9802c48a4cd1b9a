package dev.switchboard.core.pricing;

import dev.switchboard.core.model.ModelRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The prices in force: the bundled table, optionally a price file merged over it (same format; its entries
 * replace same-key ones), and configured overrides per {@code provider-id/model}.
 *
 * <p>Resolution for a call: an override for {@code provider-id/model} as called comes first, laid over the table
 * entry the call would otherwise get (so an override may set just one price); then the table, by the provider
 * type's key rules in {@link PriceKeys} (openai: bare id, reported dated snapshot, undated; azure-openai:
 * {@code azure/<reported>}, {@code azure/<deployment>}, bare reported id; anthropic: bare, {@code anthropic/};
 * gemini: {@code gemini/}; vertex: {@code vertex_ai/}, bare; bedrock: as given, {@code bedrock/}, without the
 * cross-region prefix; openai-compatible: overrides only).
 *
 * <p>{@link #version()} names exactly the prices in force: the table's version, {@code +<file version>} when a
 * file is merged and {@code +overrides-<hash>} when overrides are configured (the hash changes with any price),
 * e.g. {@code litellm-2026-07-24-8442b93+batch1+overrides-1a2b3c4d}. Every cost record carries it.
 */
public final class PriceCatalog {
    // the bundled table is parsed on the first lookup, not at startup (a fifth of a cold start's own work, and a
    // call priced by overrides alone never needs it); PriceTable.bundled() parses it once per JVM
    private final Supplier<PriceTable> table;
    private final Map<String, PriceOverride> overrides;
    private final String version;
    private final int tableSize;

    private PriceCatalog(
            Supplier<PriceTable> table, String tableVersion, int tableSize, Map<String, PriceOverride> overrides) {
        this.table = table;
        this.tableSize = tableSize;
        this.overrides = Map.copyOf(overrides);
        this.version = overrides.isEmpty() ? tableVersion : tableVersion + "+overrides-" + hash(overrides);
    }

    /** The bundled table alone. */
    public static PriceCatalog bundled() {
        return load(null, Map.of());
    }

    /**
     * The bundled table, with {@code priceFile} merged over it when not null, and the overrides.
     *
     * @throws IllegalArgumentException or {@link java.io.UncheckedIOException} when the file cannot be used:
     *         a configured price file that does not load is a startup error, not silently ignored
     */
    public static PriceCatalog load(Path priceFile, Map<String, PriceOverride> overrides) {
        if (priceFile != null) return of(PriceTable.bundled().mergedWith(PriceTable.read(priceFile)), overrides);
        PriceTable.Header header = PriceTable.bundledHeader();
        return new PriceCatalog(
                PriceTable::bundled, header.version(), header.entries(), overrides == null ? Map.of() : overrides);
    }

    public static PriceCatalog of(PriceTable table, Map<String, PriceOverride> overrides) {
        return new PriceCatalog(() -> table, table.version(), table.size(), overrides == null ? Map.of() : overrides);
    }

    public String version() {
        return version;
    }

    /** The table in force (parses the bundled one if no lookup has yet). */
    public PriceTable table() {
        return table.get();
    }

    /** How many models the table prices, known without parsing it (-1 when its header does not say). */
    public int tableSize() {
        return tableSize;
    }

    public Map<String, PriceOverride> overrides() {
        return overrides;
    }

    /** The prices for a call, or empty when neither an override nor the table knows the model. */
    public Optional<PriceEntry> find(ModelRef target, String providerType, String reportedModel) {
        Optional<PriceEntry> listed = tableEntry(providerType, target.model(), reportedModel);
        PriceOverride override = overrides.get(target.toString());
        if (override == null) return listed;
        return Optional.of(apply(override, target, listed.orElse(null)));
    }

    /** Limits and capabilities from the table, by the same key rules; overrides carry none. */
    public Optional<ModelMetadata> metadata(ModelRef target, String providerType, String reportedModel) {
        return tableEntry(providerType, target.model(), reportedModel).map(PriceEntry::metadata);
    }

    Optional<PriceEntry> tableEntry(String providerType, String model, String reportedModel) {
        for (PriceKeys.Candidate c : PriceKeys.candidates(providerType, model, reportedModel)) {
            PriceEntry e = table().models().get(c.key());
            if (e != null && c.family().accepts(e.provider())) return Optional.of(e);
        }
        return Optional.empty();
    }

    private static PriceEntry apply(PriceOverride o, ModelRef target, PriceEntry listed) {
        Rates rates = o.rates();
        Rates batch = o.batchRates();
        if (listed == null) {
            return new PriceEntry("override:" + target, null, null, rates, batch, null, null);
        }
        // an overridden price holds at every prompt size: drop the table's tier rates for what the override sets
        var tiers = new ArrayList<PriceTier>();
        for (PriceTier t : listed.tiers()) {
            tiers.add(new PriceTier(
                    t.aboveInputTokens(),
                    t.rates().without(rates.present()),
                    t.batchRates().without(batch.present())));
        }
        return new PriceEntry(
                listed.key() + "+override:" + target,
                listed.provider(),
                listed.mode(),
                listed.rates().overlay(rates),
                listed.batchRates().overlay(batch),
                tiers,
                listed.metadata());
    }

    private static String hash(Map<String, PriceOverride> overrides) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(overrides)
                .forEach(
                        (k, v) -> sb.append(k).append('{').append(v.canonical()).append('}'));
        return PriceTable.sha256(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }
}
