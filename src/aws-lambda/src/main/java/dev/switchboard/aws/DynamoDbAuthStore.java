package dev.switchboard.aws;

import dev.switchboard.api.auth.AuthConfig;
import dev.switchboard.api.auth.CloudAuthStore;
import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.dynamodb.DynamoDb;
import dev.switchboard.auth.dynamodb.DynamoDbKeyStore;
import dev.switchboard.auth.dynamodb.DynamoDbLedger;
import dev.switchboard.auth.ledger.Ledger;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code switchboard.auth.store / ledger: dynamodb} in the AWS package: one client for both, built on first use. */
@Singleton
@Unremovable // reached only through Instance<CloudAuthStore> in AuthBackends
public class DynamoDbAuthStore implements CloudAuthStore {

    private DynamoDbClient client;

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public MutableKeyStore keyStore(AuthConfig config) {
        return new DynamoDbKeyStore(client(config.dynamodb()), config.dynamodb().table());
    }

    @Override
    public Ledger ledger(AuthConfig config) {
        return new DynamoDbLedger(
                client(config.dynamodb()),
                config.dynamodb().table(),
                config.dynamodb().usageRetention());
    }

    private synchronized DynamoDbClient client(AuthConfig.DynamoDb c) {
        if (client == null) {
            client = DynamoDb.client(
                    c.region().orElse(null), c.endpointOverride().orElse(null), c.timeout());
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
