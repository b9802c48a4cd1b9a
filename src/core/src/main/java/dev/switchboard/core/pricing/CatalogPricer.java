package dev.switchboard.core.pricing;

import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.cost.PriceRequest;
import dev.switchboard.core.cost.Pricer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prices calls from a {@link PriceCatalog}. Never throws: a model without a price, a missing rate or any
 * failure gives an unknown quote (null cost), always stamped with the catalog's price version.
 */
public final class CatalogPricer implements Pricer {
    private static final System.Logger LOG = System.getLogger(CatalogPricer.class.getName());

    private final PriceCatalog catalog;
    private final Map<String, BigDecimal> batchDiscounts;
    private final String version;

    public CatalogPricer(PriceCatalog catalog) {
        this(catalog, Map.of());
    }

    /**
     * @param batchDiscounts per configured provider id, the fraction of the on-demand input/output rates its batch
     *                       API charges (0.5: half price); it replaces the table's batch rates for that provider (an
     *                       explicit setting wins over the derived rule). Each in (0, 1].
     */
    public CatalogPricer(PriceCatalog catalog, Map<String, BigDecimal> batchDiscounts) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.batchDiscounts = Map.copyOf(batchDiscounts);
        this.batchDiscounts.forEach((provider, f) -> {
            if (f.signum() <= 0 || f.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException(
                        "batch discount of '" + provider + "' must be more than 0 and at most 1, not " + f);
            }
        });
        this.version = batchDiscounts.isEmpty()
                ? catalog.version()
                : catalog.version() + "+batch-discount-" + hash(new TreeMap<>(batchDiscounts).toString());
    }

    /** The catalog's version, with {@code +batch-discount-<hash>} when batch discounts are configured. */
    public String version() {
        return version;
    }

    public PriceCatalog catalog() {
        return catalog;
    }

    @Override
    public PriceQuote quote(PriceRequest request) {
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
        PriceEntry e = entry.get();
        BigDecimal discount =
                request.batch() ? batchDiscounts.get(request.target().provider()) : null;
        if (discount != null) e = discounted(e, discount);
        return CostCalculator.cost(request.usage(), e, request.batch());
    }

    /** The entry with batch input/output rates at {@code f} of its on-demand ones (tiers too); other batch rates unknown. */
    private static PriceEntry discounted(PriceEntry e, BigDecimal f) {
        return new PriceEntry(
                e.key(),
                e.provider(),
                e.mode(),
                e.rates(),
                scaled(e.rates(), f),
                e.tiers().stream()
                        .map(t -> new PriceTier(t.aboveInputTokens(), t.rates(), scaled(t.rates(), f)))
                        .toList(),
                e.metadata());
    }

    private static Rates scaled(Rates r, BigDecimal f) {
        return new Rates(
                r.input() == null ? null : r.input().multiply(f),
                r.output() == null ? null : r.output().multiply(f),
                null,
                null,
                null,
                null);
    }

    private static String hash(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d).substring(0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
