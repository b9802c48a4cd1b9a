package dev.switchboard.core.model;

import java.time.Instant;
import java.util.Objects;

/** A model as a provider lists it. Everything but the id is optional. */
public record ModelInfo(
        String id,
        String displayName,
        String ownedBy,
        Instant created,
        Integer contextWindow,
        Integer maxOutputTokens) {
    public ModelInfo {
        Objects.requireNonNull(id, "id");
    }

    public static ModelInfo of(String id) {
        return new ModelInfo(id, null, null, null, null, null);
    }
}
