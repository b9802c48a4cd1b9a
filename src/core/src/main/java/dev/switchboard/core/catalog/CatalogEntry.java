package dev.switchboard.core.catalog;

import dev.switchboard.core.model.ModelInfo;
import java.time.Instant;

/** A model the catalog knows of; {@code deprecated} once a later listing no longer contained it. */
public record CatalogEntry(String provider, ModelInfo info, Instant firstSeen, Instant lastSeen, boolean deprecated) {
    public String id() {
        return provider + "/" + info.id();
    }
}
