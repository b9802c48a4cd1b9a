package dev.switchboard.auth.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** USD ↔ nano-USD (the ledger's integer money unit). Costs round up: the ledger never under-counts spend. */
public final class NanoUsd {

    private static final int SCALE = 9;

    private NanoUsd() {}

    public static long of(BigDecimal usd) {
        return usd == null
                ? 0
                : usd.movePointRight(SCALE).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    public static BigDecimal toUsd(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, SCALE).stripTrailingZeros();
    }
}
