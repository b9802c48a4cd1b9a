package dev.switchboard.auth.memory;

import dev.switchboard.auth.GatewayKey;
import dev.switchboard.auth.MutableKeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A mutable key store in one process (tests, a single dev server): lost on restart. */
public final class InMemoryKeyStore implements MutableKeyStore {

    private final ConcurrentSkipListMap<String, GatewayKey> keys = new ConcurrentSkipListMap<>();

    @Override
    public Optional<GatewayKey> get(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public List<GatewayKey> list() {
        return List.copyOf(keys.values());
    }

    @Override
    public void create(GatewayKey key) {
        if (keys.putIfAbsent(key.id(), key) != null) {
            throw new KeyConflict(key.id());
        }
    }

    @Override
    public Optional<GatewayKey> update(GatewayKey key) {
        return Optional.ofNullable(keys.computeIfPresent(key.id(), (id, old) -> key));
    }

    @Override
    public boolean delete(String id) {
        return keys.remove(id) != null;
    }
}
