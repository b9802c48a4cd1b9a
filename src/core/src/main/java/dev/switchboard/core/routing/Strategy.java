package dev.switchboard.core.routing;

import java.util.Locale;

/** How a route orders its targets for one request; every strategy then falls back through the rest. */
public enum Strategy {
    /** The targets in the order configured. */
    ORDERED,
    /** First the target chosen by smooth weighted round robin (nginx's), then the rest in configured order. */
    WEIGHTED,
    /** Lowest recent latency first (EWMA per target); targets without a recent measurement go first, to get one. */
    FASTEST,
    /** Lowest estimated price for this request first; targets without a known price last, in configured order. */
    CHEAPEST;

    /** The config name: ordered, weighted, fastest, cheapest. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Strategy parse(String value) {
        for (Strategy s : values()) {
            if (s.configName().equalsIgnoreCase(value == null ? "" : value.trim())) return s;
        }
        throw new IllegalArgumentException(
                "unknown strategy '" + value + "' (use ordered, weighted, fastest or cheapest)");
    }
}
