package dev.switchboard.core.pricing;

import dev.switchboard.core.model.Capability;
import dev.switchboard.core.model.ModelCapabilities;
import dev.switchboard.core.model.ModelMetadataSource;
import dev.switchboard.core.model.ModelRef;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The router's view of the price table: context window and the capabilities the table states. */
public final class PricedModelMetadata implements ModelMetadataSource {
    private final PriceCatalog catalog;

    public PricedModelMetadata(PriceCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<ModelCapabilities> capabilities(ModelRef target, String providerType) {
        return catalog.metadata(target, providerType, null).map(m -> {
            Map<Capability, Boolean> flags = new EnumMap<>(Capability.class);
            put(flags, Capability.VISION, m.supportsVision());
            put(flags, Capability.TOOLS, m.supportsTools());
            put(flags, Capability.JSON_SCHEMA, m.supportsJsonSchema());
            put(flags, Capability.REASONING, m.supportsReasoning());
            return new ModelCapabilities(m.contextWindow(), flags);
        });
    }

    private static void put(Map<Capability, Boolean> flags, Capability c, Boolean known) {
        if (known != null) flags.put(c, known);
    }
}
