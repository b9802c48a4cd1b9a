package dev.switchboard.core.model;

import java.util.Locale;

/** What a route may require of its targets (and what a request implies it needs). */
public enum Capability {
    TOOLS,
    VISION,
    JSON_SCHEMA,
    REASONING;

    /** The config name: tools, vision, json_schema, reasoning. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Capability parse(String value) {
        String v = value == null ? "" : value.trim().replace('-', '_');
        for (Capability c : values()) {
            if (c.configName().equalsIgnoreCase(v)) return c;
        }
        throw new IllegalArgumentException(
                "unknown capability '" + value + "' (use tools, vision, json_schema or reasoning)");
    }
}
