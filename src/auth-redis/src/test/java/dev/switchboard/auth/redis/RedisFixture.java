package dev.switchboard.auth.redis;

import dev.switchboard.auth.testing.LocalRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.UnifiedJedis;

/** A redis-server for one test class, and the clients its tests open (closed with it). */
final class RedisFixture implements BeforeAllCallback, AfterAllCallback {
    private LocalRedis redis;
    private final List<UnifiedJedis> clients = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = LocalRedis.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        clients.forEach(UnifiedJedis::close);
        if (redis != null) redis.close();
    }

    UnifiedJedis client() {
        return client(redis.url(), Duration.ofSeconds(5));
    }

    UnifiedJedis client(String url, Duration timeout) {
        UnifiedJedis c = RedisConnections.open(url, timeout);
        clients.add(c);
        return c;
    }
}
