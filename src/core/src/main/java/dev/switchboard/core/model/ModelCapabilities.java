package dev.switchboard.core.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What is known about a model for routing. A capability missing from {@code flags} is unknown (null from
 * {@link #supports}); {@code contextWindow} (max input tokens) is null when unknown. Unknown never excludes a
 * target: the filter only skips what is known not to fit.
 */
public record ModelCapabilities(Long contextWindow, Map<Capability, Boolean> flags) {

    public ModelCapabilities {
        flags = flags == null || flags.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(flags));
    }

    /** A model whose every capability is known: those in {@code supported} yes, the others no. */
    public static ModelCapabilities of(Long contextWindow, Set<Capability> supported) {
        Map<Capability, Boolean> flags = new EnumMap<>(Capability.class);
        for (Capability c : Capability.values()) flags.put(c, supported.contains(c));
        return new ModelCapabilities(contextWindow, flags);
    }

    /** True, false, or null when unknown. */
    public Boolean supports(Capability capability) {
        return flags.get(capability);
    }
}
