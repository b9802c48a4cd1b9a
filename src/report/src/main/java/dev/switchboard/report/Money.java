package dev.switchboard.report;

import java.math.BigDecimal;

/** Dollars as text: never rounded (every fraction of a cent stays visible), at least two decimals. */
final class Money {
    private Money() {}

    static String format(BigDecimal usd) {
        BigDecimal v = usd.stripTrailingZeros();
        if (v.scale() < 2) v = v.setScale(2);
        return v.toPlainString();
    }
}
