package dev.switchboard.auth.redis;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** Runs Lua scripts by SHA, loading each once per server (and again after a SCRIPT FLUSH or failover). */
final class RedisScripts {

    private final UnifiedJedis jedis;
    private final ConcurrentMap<String, String> shas = new ConcurrentHashMap<>();

    RedisScripts(UnifiedJedis jedis) {
        this.jedis = jedis;
    }

    Object run(String script, List<String> keys, List<String> args) {
        String sha = shas.computeIfAbsent(script, jedis::scriptLoad);
        try {
            return jedis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            shas.put(script, jedis.scriptLoad(script));
            return jedis.evalsha(shas.get(script), keys, args);
        }
    }
}
