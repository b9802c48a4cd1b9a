package dev.switchboard.auth;

import java.math.BigDecimal;

/**
 * Spend allowed per UTC calendar day and per UTC calendar month; null = unlimited.
 */
public record Budget(BigDecimal usdPerDay, BigDecimal usdPerMonth) {

    public static final Budget UNLIMITED = new Budget(null, null);

    public Budget {
        requireNonNegative(usdPerDay, "usd-per-day");
        requireNonNegative(usdPerMonth, "usd-per-month");
    }

    private static void requireNonNegative(BigDecimal v, String name) {
        if (v != null && v.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + v);
        }
    }
}
