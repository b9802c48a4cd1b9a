package dev.switchboard.auth.redis;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/** A pooled client from a {@code redis://[user:password@]host:port[/db]} or {@code rediss://} URL. */
public final class RedisConnections {

    private RedisConnections() {}

    public static UnifiedJedis open(String url, Duration timeout) {
        return new JedisPooled(URI.create(url), (int) timeout.toMillis());
    }
}
