package dev.switchboard.auth;

import java.util.Optional;

/**
 * A key store the admin API can write. Each operation is atomic on one key.
 */
public interface MutableKeyStore extends KeyStore {

    /** Stores a new key; throws {@link KeyConflict} when the id exists. */
    void create(GatewayKey key);

    /** Replaces an existing key (same id); empty when there is none. */
    Optional<GatewayKey> update(GatewayKey key);

    /** Whether a key was deleted. */
    boolean delete(String id);

    default Optional<GatewayKey> disable(String id) {
        return get(id).flatMap(k -> update(k.withDisabled(true)));
    }

    @Override
    default boolean mutable() {
        return true;
    }

    /** The id is taken. */
    final class KeyConflict extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public KeyConflict(String id) {
            super("a key with id '" + id + "' exists");
        }
    }
}
