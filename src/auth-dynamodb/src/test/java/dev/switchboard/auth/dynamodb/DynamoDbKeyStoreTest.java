package dev.switchboard.auth.dynamodb;

import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.testing.KeyStoreContract;

/** The key store contract through the real AWS SDK client against the wire-level DynamoDB emulator. */
class DynamoDbKeyStoreTest extends KeyStoreContract {

    @Override
    protected MutableKeyStore newStore() {
        return new DynamoDbKeyStore(DynamoDbBackend.newClient(), DynamoDbBackend.TABLE);
    }
}
