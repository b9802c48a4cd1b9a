package dev.switchboard.auth.redis;

import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.testing.KeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The key store contract against a real redis-server started by this test. */
class RedisKeyStoreTest extends KeyStoreContract {

    @RegisterExtension
    static final RedisFixture redis = new RedisFixture();

    @Override
    protected MutableKeyStore newStore() {
        return new RedisKeyStore(redis.client(), "sb");
    }
}
