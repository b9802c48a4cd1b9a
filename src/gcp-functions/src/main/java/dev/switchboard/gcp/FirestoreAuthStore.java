package dev.switchboard.gcp;

import com.google.cloud.firestore.Firestore;
import dev.switchboard.api.auth.AuthConfig;
import dev.switchboard.api.auth.CloudAuthStore;
import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.firestore.FirestoreCalls;
import dev.switchboard.auth.firestore.FirestoreKeyStore;
import dev.switchboard.auth.firestore.FirestoreLedger;
import dev.switchboard.auth.ledger.Ledger;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/** {@code switchboard.auth.store / ledger: firestore} in the GCP package: one client for both, built on first use. */
@Singleton
@Unremovable // reached only through Instance<CloudAuthStore> in AuthBackends
public class FirestoreAuthStore implements CloudAuthStore {

    private Firestore client;

    @Override
    public String name() {
        return "firestore";
    }

    @Override
    public MutableKeyStore keyStore(AuthConfig config) {
        AuthConfig.Firestore c = config.firestore();
        return new FirestoreKeyStore(client(c), c.prefix(), c.timeout());
    }

    @Override
    public Ledger ledger(AuthConfig config) {
        AuthConfig.Firestore c = config.firestore();
        return new FirestoreLedger(client(c), c.prefix(), c.usageRetention(), c.timeout());
    }

    private synchronized Firestore client(AuthConfig.Firestore c) {
        if (client == null) {
            client = FirestoreCalls.client(
                    c.project().orElse(null), c.database(), c.endpoint().orElse(null), c.plaintext());
        }
        return client;
    }

    @PreDestroy
    synchronized void close() throws Exception {
        if (client != null) {
            client.close();
        }
    }
}
