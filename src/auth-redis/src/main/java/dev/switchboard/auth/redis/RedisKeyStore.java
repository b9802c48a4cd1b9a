package dev.switchboard.auth.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.auth.Budget;
import dev.switchboard.auth.GatewayKey;
import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.RateLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Keys in Redis: a hash {@code <prefix>:k:<id>} per key (only the key's hash, never the key) and a set
 * {@code <prefix>:keys} of ids. Create, update and delete are one script each, so they are atomic per key.
 */
public final class RedisKeyStore implements MutableKeyStore {

    private static final String CREATE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('SADD', KEYS[2], ARGV[1])
            return 1
            """;
    private static final String UPDATE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            return 1
            """;
    private static final String DELETE = """
            redis.call('SREM', KEYS[2], ARGV[1])
            return redis.call('DEL', KEYS[1])
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final UnifiedJedis jedis;
    private final RedisScripts scripts;
    private final String prefix;

    public RedisKeyStore(UnifiedJedis jedis, String prefix) {
        this.jedis = jedis;
        this.scripts = new RedisScripts(jedis);
        this.prefix = "{" + prefix + "}";
    }

    private String keyOf(String id) {
        return prefix + ":k:" + id;
    }

    private String ids() {
        return prefix + ":keys";
    }

    @Override
    public Optional<GatewayKey> get(String id) {
        Map<String, String> h = RedisLedger.call(() -> jedis.hgetAll(keyOf(id)));
        return h.isEmpty() ? Optional.empty() : Optional.of(decode(id, h));
    }

    @Override
    public List<GatewayKey> list() {
        List<String> sorted = new ArrayList<>(RedisLedger.call(() -> jedis.smembers(ids())));
        sorted.sort(null);
        List<GatewayKey> out = new ArrayList<>();
        for (String id : sorted) {
            get(id).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public void create(GatewayKey key) {
        if (write(CREATE, key) == 0) {
            throw new KeyConflict(key.id());
        }
    }

    @Override
    public Optional<GatewayKey> update(GatewayKey key) {
        return write(UPDATE, key) == 0 ? Optional.empty() : Optional.of(key);
    }

    @Override
    public boolean delete(String id) {
        Object n = RedisLedger.call(() -> scripts.run(DELETE, List.of(keyOf(id), ids()), List.of(id)));
        return ((Long) n) > 0;
    }

    private long write(String script, GatewayKey key) {
        List<String> args = new ArrayList<>();
        args.add(key.id());
        encode(key).forEach((f, v) -> {
            args.add(f);
            args.add(v);
        });
        return (Long) RedisLedger.call(() -> scripts.run(script, List.of(keyOf(key.id()), ids()), args));
    }

    private static Map<String, String> encode(GatewayKey k) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("hash", k.hash());
        h.put("tenant", k.tenant());
        h.put("models", json(k.models()));
        h.put("tags", json(k.tags()));
        putIf(
                h,
                "usd_per_day",
                k.budget().usdPerDay() == null ? null : k.budget().usdPerDay().toPlainString());
        putIf(
                h,
                "usd_per_month",
                k.budget().usdPerMonth() == null
                        ? null
                        : k.budget().usdPerMonth().toPlainString());
        putIf(h, "requests_per_minute", k.limits().requestsPerMinute());
        putIf(h, "tokens_per_minute", k.limits().tokensPerMinute());
        putIf(h, "expires_at", k.expiresAt());
        h.put("disabled", k.disabled() ? "1" : "0");
        return h;
    }

    private static void putIf(Map<String, String> h, String field, Object v) {
        if (v != null) {
            h.put(field, v.toString());
        }
    }

    private static GatewayKey decode(String id, Map<String, String> h) {
        return new GatewayKey(
                id,
                h.get("hash"),
                h.get("tenant"),
                list(h.get("models")),
                list(h.get("tags")),
                new Budget(decimal(h.get("usd_per_day")), decimal(h.get("usd_per_month"))),
                new RateLimits(number(h.get("requests_per_minute")), number(h.get("tokens_per_minute"))),
                h.get("expires_at") == null ? null : Instant.parse(h.get("expires_at")),
                "1".equals(h.get("disabled")));
    }

    private static BigDecimal decimal(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    private static Long number(String s) {
        return s == null ? null : Long.valueOf(s);
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("malformed list in key store: " + e.getOriginalMessage(), e);
        }
    }
}
