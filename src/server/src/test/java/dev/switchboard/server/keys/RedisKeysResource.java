package dev.switchboard.server.keys;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.auth.ApiKeys;
import dev.switchboard.auth.testing.LocalRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real redis-server on a random port holding keys and the ledger, and a loopback webhook that collects budget
 * alerts.
 */
public class RedisKeysResource implements QuarkusTestResourceLifecycleManager {
    static final BlockingQueue<String> ALERTS = new LinkedBlockingQueue<>();
    static volatile LocalRedis redis;
    private HttpServer webhook;

    @Override
    public Map<String, String> start() {
        redis = LocalRedis.start();
        try {
            webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        webhook.createContext("/alerts", exchange -> {
            ALERTS.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        return Map.of(
                "switchboard.auth.mode",
                "keys",
                "switchboard.auth.store",
                "redis",
                "switchboard.auth.ledger",
                "redis",
                "switchboard.auth.redis.url",
                redis.url(),
                "switchboard.auth.admin-key-hash",
                ApiKeys.hash(TestKeys.ADMIN),
                "switchboard.auth.alerts.webhook",
                "http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts");
    }

    @Override
    public void stop() {
        if (webhook != null) webhook.stop(0);
        if (redis != null) redis.close();
    }
}
