package dev.switchboard.auth.memory;

import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.testing.KeyStoreContract;

class InMemoryKeyStoreTest extends KeyStoreContract {
    @Override
    protected MutableKeyStore newStore() {
        return new InMemoryKeyStore();
    }
}
