package dev.switchboard.core.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One provider's models as last fetched. {@code fetchedAt} is null when no listing ever succeeded;
 * {@code error} says why the last attempt failed, if it did.
 */
public record ProviderModels(String provider, Instant fetchedAt, List<CatalogEntry> models, String error) {
    public ProviderModels {
        models = List.copyOf(models);
    }

    public boolean known() {
        return fetchedAt != null;
    }
}
