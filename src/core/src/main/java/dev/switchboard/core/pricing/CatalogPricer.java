package dev.switchboard.core.pricing;

import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.cost.PriceRequest;
import dev.switchboard.core.cost.Pricer;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices calls from a {@link PriceCatalog}. Never throws: a model without a price, a missing rate or any
 * failure gives an unknown quote (null cost), always stamped with the catalog's price version.
 */
public final class CatalogPricer implements Pricer {
    private static final System.Logger LOG = System.getLogger(CatalogPricer.class.getName());

    private final PriceCatalog catalog;

    public CatalogPricer(PriceCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public PriceCatalog catalog() {
        return catalog;
    }

    @Override
    public PriceQuote quote(PriceRequest request) {
        String version = catalog.version();
        try {
            CostBreakdown b = breakdown(request);
            if (b.known()) return new PriceQuote(b.totalUsd(), version, true);
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "cost of {0} ({1}) unknown: {2}",
                    request.target(),
                    request.providerType(),
                    b.unknownReason());
            return PriceQuote.unknown(version);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "pricing " + request.target() + " failed; cost recorded as unknown",
                    e);
            return PriceQuote.unknown(version);
        }
    }

    /** The cost and its parts; unknown (with the reason) when the catalog has no price for the call. */
    public CostBreakdown breakdown(PriceRequest request) {
        Optional<PriceEntry> entry = catalog.find(request.target(), request.providerType(), request.reportedModel());
        if (entry.isEmpty())
            return CostBreakdown.unknown("no price for " + request.target() + " (type "
                    + request.providerType()
                    + (request.reportedModel() != null ? ", reported " + request.reportedModel() : "")
                    + ") in " + catalog.version());
        return CostCalculator.cost(request.usage(), entry.get(), request.batch());
    }
}
