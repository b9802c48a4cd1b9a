package dev.switchboard.core.cost;

/** Prices a call's usage. Must not throw: an unpriceable call is {@link PriceQuote#unknown}. */
@FunctionalInterface
public interface Pricer {
    Pricer NONE = request -> PriceQuote.unknown("none");

    PriceQuote quote(PriceRequest request);
}
