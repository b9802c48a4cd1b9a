package dev.switchboard.core.model;

import java.util.Locale;

/** Who authored a message. DEVELOPER is OpenAI's newer name for SYSTEM; adapters that lack it treat it as SYSTEM. */
public enum Role {
    SYSTEM,
    DEVELOPER,
    USER,
    ASSISTANT,
    TOOL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isInstruction() {
        return this == SYSTEM || this == DEVELOPER;
    }

    /** Parses an OpenAI role name; null when unknown. */
    public static Role fromWire(String value) {
        if (value == null) return null;
        return switch (value) {
            case "system" -> SYSTEM;
            case "developer" -> DEVELOPER;
            case "user" -> USER;
            case "assistant" -> ASSISTANT;
            case "tool" -> TOOL;
            default -> null;
        };
    }
}
