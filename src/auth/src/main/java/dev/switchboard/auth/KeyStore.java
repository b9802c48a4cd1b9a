package dev.switchboard.auth;

import java.util.List;
import java.util.Optional;

/**
 * Where gateway keys are looked up: the config file, or a {@link MutableKeyStore} (Redis, DynamoDB, Firestore,
 * in-process). Implementations throw {@link dev.switchboard.auth.ledger.LedgerUnavailable} when their backend
 * cannot be reached.
 */
public interface KeyStore {

    Optional<GatewayKey> get(String id);

    /** All keys, ordered by id. */
    List<GatewayKey> list();

    /** Whether the admin API may create, update and delete keys here. */
    default boolean mutable() {
        return false;
    }
}
