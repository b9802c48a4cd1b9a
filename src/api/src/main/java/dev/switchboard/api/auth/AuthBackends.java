package dev.switchboard.api.auth;

import dev.switchboard.auth.ApiKeys;
import dev.switchboard.auth.Budget;
import dev.switchboard.auth.ConfigKeyStore;
import dev.switchboard.auth.GatewayKey;
import dev.switchboard.auth.KeyStore;
import dev.switchboard.auth.RateLimits;
import dev.switchboard.auth.ledger.Ledger;
import dev.switchboard.auth.memory.InMemoryKeyStore;
import dev.switchboard.auth.memory.InMemoryLedger;
import dev.switchboard.auth.redis.RedisConnections;
import dev.switchboard.auth.redis.RedisKeyStore;
import dev.switchboard.auth.redis.RedisLedger;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/** The key store, ledger and clock chosen by {@code switchboard.auth.*}; config errors name the bad key. */
@Singleton
public class AuthBackends {

    private volatile UnifiedJedis redis;

    @Inject
    Instance<CloudAuthStore> cloudStores;

    /** The time limits and expiry are judged by; tests replace it to move across windows. */
    @Produces
    @Singleton
    @DefaultBean
    Clock authClock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    KeyStore keyStore(AuthConfig config) {
        List<GatewayKey> configured = configKeys(config);
        return switch (config.store()) {
            case CONFIG -> new ConfigKeyStore(configured);
            case MEMORY -> {
                InMemoryKeyStore store = new InMemoryKeyStore();
                configured.forEach(store::create);
                yield store;
            }
            case REDIS -> {
                if (!configured.isEmpty()) {
                    throw new ConfigurationException("switchboard.auth.keys: with store=redis keys live in Redis"
                            + " (create them with POST /admin/keys); remove them from the config file");
                }
                yield new RedisKeyStore(redis(config), config.redis().prefix());
            }
            case DYNAMODB, FIRESTORE -> {
                if (!configured.isEmpty()) {
                    throw new ConfigurationException("switchboard.auth.keys: with store=" + name(config.store())
                            + " keys live in the store (create them with POST /admin/keys); remove them from the config"
                            + " file");
                }
                yield cloudStore("switchboard.auth.store", name(config.store())).keyStore(config);
            }
        };
    }

    @Produces
    @Singleton
    Ledger ledger(AuthConfig config) {
        return switch (config.ledger()) {
            case MEMORY -> new InMemoryLedger();
            case REDIS ->
                new RedisLedger(
                        redis(config), config.redis().prefix(), config.redis().usageRetention());
            case DYNAMODB, FIRESTORE ->
                cloudStore("switchboard.auth.ledger", name(config.ledger())).ledger(config);
        };
    }

    private static String name(Enum<?> backend) {
        return backend.name().toLowerCase(java.util.Locale.ROOT);
    }

    private CloudAuthStore cloudStore(String key, String name) {
        for (CloudAuthStore s : cloudStores) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new ConfigurationException(key + "=" + name + " is not in this package: dynamodb is in the AWS Lambda"
                + " package, firestore in the GCP package; elsewhere use redis (shared) or memory");
    }

    private synchronized UnifiedJedis redis(AuthConfig config) {
        if (redis == null) {
            String url = config.redis()
                    .url()
                    .filter(u -> !u.isBlank())
                    .orElseThrow(() -> new ConfigurationException(
                            "switchboard.auth.redis.url is required when switchboard.auth.store or .ledger is redis"));
            redis = RedisConnections.open(url, config.redis().timeout());
        }
        return redis;
    }

    @PreDestroy
    void close() {
        if (redis != null) {
            redis.close();
        }
    }

    static List<GatewayKey> configKeys(AuthConfig config) {
        List<String> problems = new ArrayList<>();
        List<GatewayKey> keys = new ArrayList<>();
        config.adminKeyHash()
                .filter(h -> !ApiKeys.isHash(h))
                .ifPresent(
                        h -> problems.add("switchboard.auth.admin-key-hash: must be sha256:<64 lowercase hex digits>"));
        config.keys().forEach((id, k) -> {
            String where = "switchboard.auth.keys." + id;
            if (!ApiKeys.isValidId(id)) {
                problems.add(where + ": the id must be 1-64 of [A-Za-z0-9_.-]");
                return;
            }
            if (!ApiKeys.isHash(k.hash())) {
                problems.add(where + ".hash: must be sha256:<64 lowercase hex digits> (print one with NewKey)");
                return;
            }
            try {
                Instant expires = k.expiresAt().map(Instant::parse).orElse(null);
                Budget budget = k.budget()
                        .map(b -> new Budget(
                                b.usdPerDay().orElse(null), b.usdPerMonth().orElse(null)))
                        .orElse(null);
                RateLimits limits = k.limits()
                        .map(l -> new RateLimits(
                                l.requestsPerMinute().orElse(null),
                                l.tokensPerMinute().orElse(null)))
                        .orElse(null);
                keys.add(new GatewayKey(
                        id,
                        k.hash(),
                        k.tenant().orElse(null),
                        k.models().orElse(List.of()),
                        k.tags().orElse(List.of()),
                        budget,
                        limits,
                        expires,
                        k.disabled()));
            } catch (DateTimeParseException e) {
                problems.add(where + ".expires-at: not an ISO-8601 instant (e.g. 2027-01-01T00:00:00Z)");
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigurationException(
                    "Invalid gateway key configuration:\n  - " + String.join("\n  - ", problems));
        }
        return keys;
    }
}
