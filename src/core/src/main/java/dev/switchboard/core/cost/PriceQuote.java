package dev.switchboard.core.cost;

import java.math.BigDecimal;

/** The price of one call: {@code costUsd} is null when the model's price is unknown (never a pretend zero). */
public record PriceQuote(BigDecimal costUsd, String priceVersion, boolean known) {
    public static PriceQuote unknown(String priceVersion) {
        return new PriceQuote(null, priceVersion, false);
    }

    public String pricing() {
        return known ? "known" : "unknown";
    }
}
