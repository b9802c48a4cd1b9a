package dev.switchboard.core.catalog;

import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.spi.ChatProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Models per provider, from each provider's own listing API (never a hard-coded list). Cached per provider with
 * the fetch time; refreshed when older than the TTL or on demand. A model missing from a newer listing is kept and
 * marked deprecated. Fine-tuned models ("ft:" prefix) are left out unless the provider is configured to keep them.
 */
public final class ModelCatalog {
    private static final System.Logger LOG = System.getLogger(ModelCatalog.class.getName());

    /** What the catalog can say about one model. UNKNOWN means the provider's listing is unavailable. */
    public enum Availability {
        LISTED,
        DEPRECATED,
        NOT_LISTED,
        UNKNOWN
    }

    private final Map<String, ChatProvider> providers;
    private final Set<String> includeFineTuned;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, State> state = new ConcurrentHashMap<>();

    public ModelCatalog(Map<String, ChatProvider> providers, Set<String> includeFineTuned, Duration ttl, Clock clock) {
        this.providers = Map.copyOf(providers);
        this.includeFineTuned = Set.copyOf(includeFineTuned);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The cached listing, fetched first if missing or older than the TTL. */
    public ProviderModels models(String provider) {
        State s = stateOf(provider);
        // a lock, not synchronized: the fetch is network I/O, and a virtual thread blocked inside synchronized
        // pins its carrier on Java 21
        s.lock.lock();
        try {
            if (s.fetchedAt == null || s.fetchedAt.plus(ttl).isBefore(clock.instant())) fetch(provider, s);
            return s.snapshot(provider);
        } finally {
            s.lock.unlock();
        }
    }

    /** Fetches now, whatever the cache holds. */
    public ProviderModels refresh(String provider) {
        State s = stateOf(provider);
        s.lock.lock();
        try {
            fetch(provider, s);
            return s.snapshot(provider);
        } finally {
            s.lock.unlock();
        }
    }

    /** Every usable provider's listing, in configuration order. */
    public List<ProviderModels> all() {
        List<ProviderModels> out = new ArrayList<>();
        for (ChatProvider p : providers.values()) {
            if (p.unavailableReason() == null) out.add(models(p.id()));
        }
        return out;
    }

    public Availability availability(String provider, String model) {
        ProviderModels listing = models(provider);
        if (!listing.known()) return Availability.UNKNOWN;
        for (CatalogEntry e : listing.models()) {
            if (e.info().id().equals(model)) return e.deprecated() ? Availability.DEPRECATED : Availability.LISTED;
        }
        return Availability.NOT_LISTED;
    }

    private State stateOf(String provider) {
        if (!providers.containsKey(provider)) throw new IllegalArgumentException("unknown provider " + provider);
        return state.computeIfAbsent(provider, k -> new State());
    }

    private void fetch(String provider, State s) {
        List<ModelInfo> listed;
        try {
            listed = providers.get(provider).listModels();
        } catch (SwitchboardException | UnsupportedOperationException e) {
            s.error = e.getMessage();
            LOG.log(
                    System.Logger.Level.WARNING,
                    "listing models of provider ''{0}'' failed: {1}",
                    provider,
                    e.getMessage());
            return;
        }
        Instant now = clock.instant();
        boolean keepFineTuned = includeFineTuned.contains(provider);
        Map<String, CatalogEntry> next = new LinkedHashMap<>();
        for (ModelInfo m : listed) {
            if (!keepFineTuned && m.id().startsWith("ft:")) continue;
            CatalogEntry old = s.entries.get(m.id());
            next.put(m.id(), new CatalogEntry(provider, m, old == null ? now : old.firstSeen(), now, false));
        }
        for (CatalogEntry old : s.entries.values()) {
            if (!next.containsKey(old.info().id())) {
                next.put(
                        old.info().id(), new CatalogEntry(provider, old.info(), old.firstSeen(), old.lastSeen(), true));
            }
        }
        s.entries = next;
        s.fetchedAt = now;
        s.error = null;
    }

    private static final class State {
        final ReentrantLock lock = new ReentrantLock();
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        Instant fetchedAt;
        String error;

        ProviderModels snapshot(String provider) {
            return new ProviderModels(provider, fetchedAt, new ArrayList<>(entries.values()), error);
        }
    }
}
