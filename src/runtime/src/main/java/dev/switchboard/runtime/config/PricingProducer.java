package dev.switchboard.runtime.config;

import dev.switchboard.core.cost.Pricer;
import dev.switchboard.core.pricing.CatalogPricer;
import dev.switchboard.core.pricing.PriceCatalog;
import dev.switchboard.core.pricing.PriceOverride;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The price catalog in force: the bundled LiteLLM-derived snapshot (never fetched at cold start), an optional price
 * file, and configured overrides. A configured file that cannot be read is a startup error naming the key.
 */
@Singleton
public class PricingProducer {
    private static final Logger LOG = Logger.getLogger(PricingProducer.class);

    @Produces
    @Singleton
    PriceCatalog catalog(SwitchboardConfig config) {
        Map<String, PriceOverride> overrides = new LinkedHashMap<>();
        config.pricing().overrides().forEach((target, o) -> {
            try {
                overrides.put(
                        target,
                        new PriceOverride(
                                o.inputPerMtok().orElse(null),
                                o.outputPerMtok().orElse(null),
                                o.cacheReadPerMtok().orElse(null),
                                o.cacheWritePerMtok().orElse(null),
                                o.cacheWrite1hPerMtok().orElse(null),
                                o.reasoningPerMtok().orElse(null),
                                o.batchInputPerMtok().orElse(null),
                                o.batchOutputPerMtok().orElse(null)));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("switchboard.pricing.overrides.\"" + target + "\": " + e.getMessage());
            }
        });
        Path file = config.pricing().file().map(Path::of).orElse(null);
        try {
            PriceCatalog catalog = PriceCatalog.load(file, overrides);
            LOG.infof(
                    "prices: %s (%d models%s)",
                    catalog.version(),
                    catalog.tableSize(),
                    overrides.isEmpty() ? "" : ", " + overrides.size() + " overrides");
            return catalog;
        } catch (RuntimeException e) {
            throw new ConfigurationException(
                    "switchboard.pricing.file: cannot use price file '" + file + "': " + e.getMessage());
        }
    }

    @Produces
    @Singleton
    Pricer pricer(PriceCatalog catalog, SwitchboardConfig config) {
        Map<String, BigDecimal> discounts = config.pricing().batchDiscount();
        checkBatchDiscounts(discounts, config.providers().keySet());
        CatalogPricer pricer = new CatalogPricer(catalog, discounts);
        if (!discounts.isEmpty()) LOG.infof("batch prices: %s of on-demand for %s", discounts, discounts.keySet());
        return pricer;
    }

    /** Every {@code switchboard.pricing.batch-discount.<provider>} names a configured provider and lies in (0, 1]. */
    static void checkBatchDiscounts(Map<String, BigDecimal> discounts, Set<String> providers) {
        for (var d : discounts.entrySet()) {
            String key = "switchboard.pricing.batch-discount." + d.getKey();
            if (!providers.contains(d.getKey())) {
                throw new ConfigurationException(key + ": no provider '" + d.getKey() + "' is configured (providers: "
                        + String.join(", ", providers) + ")");
            }
            if (d.getValue().signum() <= 0 || d.getValue().compareTo(BigDecimal.ONE) > 0) {
                throw new ConfigurationException(key
                        + ": must be more than 0 and at most 1 (0.5 = half the on-demand price), not " + d.getValue());
            }
        }
    }
}
