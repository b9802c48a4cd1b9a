package dev.switchboard.auth.firestore;

import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.testing.KeyStoreContract;
import java.time.Duration;

/** The key store contract through the real Firestore client against the in-process gRPC Firestore. */
class FirestoreKeyStoreTest extends KeyStoreContract {

    @Override
    protected MutableKeyStore newStore() {
        return new FirestoreKeyStore(FirestoreBackend.newClient(), "sb", Duration.ofSeconds(30));
    }
}
