package dev.switchboard.report;

import dev.switchboard.core.cost.CostRecord;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** A way to group the totals: each record falls in one group, except by tag, where it counts under each of its tags. */
enum Grouping {
    PROVIDER,
    MODEL,
    DAY,
    TAG,
    KEY,
    TENANT,
    BATCH,
    /** on_demand or batch: what the provider's batch discount saved shows side by side */
    BILLING;

    static final String UNTAGGED = "(untagged)";
    static final String NO_KEY = "(no key)";
    static final String NO_BATCH = "(not batch)";
    /** The tables of a report without --by (KEY, TENANT, BATCH and BILLING only on request). */
    static final List<Grouping> DEFAULTS = List.of(PROVIDER, MODEL, DAY, TAG);

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Grouping parse(String s) {
        for (Grouping g : values()) {
            if (g.label().equals(s.strip().toLowerCase(Locale.ROOT))) return g;
        }
        throw new IllegalArgumentException(
                "unknown --by '" + s + "' (use provider, model, day, tag, key, tenant, batch or billing)");
    }

    List<String> keys(CostRecord r) {
        return switch (this) {
            case PROVIDER -> List.of(r.provider());
            case MODEL -> List.of(r.model());
            case DAY ->
                List.of(r.timestamp().atOffset(ZoneOffset.UTC).toLocalDate().toString());
            case TAG ->
                r.tags().isEmpty()
                        ? List.of(UNTAGGED)
                        : r.tags().stream().distinct().toList();
            case KEY -> List.of(r.keyId() == null ? NO_KEY : r.keyId());
            case TENANT -> List.of(r.tenant() == null ? NO_KEY : r.tenant());
            case BATCH -> List.of(r.batchJobId() == null ? NO_BATCH : r.batchJobId());
            case BILLING -> List.of(r.billing());
        };
    }
}
