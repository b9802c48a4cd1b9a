package dev.switchboard.api.auth;

import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.ledger.Ledger;

/**
 * A key store and ledger backend that only one cloud package carries (DynamoDB in the AWS Lambda package, Firestore
 * in the GCP one), so the shared API depends on no cloud SDK. A package contributes it as a CDI bean;
 * {@link AuthBackends} picks it when {@code switchboard.auth.store} / {@code .ledger} names {@link #name()}.
 */
public interface CloudAuthStore {

    /** The config value that selects it: {@code dynamodb} or {@code firestore}. */
    String name();

    MutableKeyStore keyStore(AuthConfig config);

    Ledger ledger(AuthConfig config);
}
