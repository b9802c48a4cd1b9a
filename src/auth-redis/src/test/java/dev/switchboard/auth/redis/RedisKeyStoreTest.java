package dev.switchboard.auth.redis;

import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.testing.KeyStoreContract;
import dev.switchboard.auth.testing.LocalRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.UnifiedJedis;

/** The key store contract against a real redis-server started by this test. */
class RedisKeyStoreTest extends KeyStoreContract {

    private static LocalRedis redis;
    private static final List<UnifiedJedis> clients = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        clients.forEach(UnifiedJedis::close);
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected MutableKeyStore newStore() {
        UnifiedJedis c = RedisConnections.open(redis.url(), Duration.ofSeconds(5));
        clients.add(c);
        return new RedisKeyStore(c, "sb");
    }
}
