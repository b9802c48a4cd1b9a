package dev.switchboard.auth.redis;

import dev.switchboard.auth.ledger.Admission;
import dev.switchboard.auth.ledger.AdmitRequest;
import dev.switchboard.auth.ledger.Amounts;
import dev.switchboard.auth.ledger.Ledger;
import dev.switchboard.auth.ledger.LedgerUnavailable;
import dev.switchboard.auth.ledger.Limit;
import dev.switchboard.auth.ledger.LimitState;
import dev.switchboard.auth.ledger.Reservation;
import dev.switchboard.auth.ledger.UsageQuery;
import dev.switchboard.auth.ledger.UsageRow;
import dev.switchboard.auth.ledger.Window;
import dev.switchboard.auth.ledger.WindowTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The ledger in Redis: a row is a hash {@code <prefix>:l:<key>:<window code>:<start epoch s>} with integer fields
 * {@code c} (nano-USD), {@code r}, {@code t} and {@code tenant}; admit and settle are one Lua script each. MINUTE rows
 * expire a minute after their window; DAY and MONTH rows {@code retention} after theirs. A sorted set per window kind
 * ({@code <prefix>:lidx:<code>}, member {@code <start>|<key>}) indexes rows for usage queries. The prefix carries a hash
 * tag so every key is in one slot (a script may touch them together on Redis Cluster too).
 */
public final class RedisLedger implements Ledger {

    private static final String ADMIT = """
            local n = tonumber(ARGV[14])
            local used = {}
            local denied = 0
            for i = 1, n do
              local b = 14 + (i - 1) * 3
              local u = tonumber(redis.call('HGET', KEYS[tonumber(ARGV[b + 1])], ARGV[b + 2]) or '0')
              used[i] = u
              if denied == 0 and u >= tonumber(ARGV[b + 3]) then denied = i end
            end
            if denied > 0 then return {denied, used} end
            for w = 1, 3 do
              redis.call('HINCRBY', KEYS[w], 'c', ARGV[2])
              redis.call('HINCRBY', KEYS[w], 'r', ARGV[3])
              redis.call('HINCRBY', KEYS[w], 't', ARGV[4])
              redis.call('HSET', KEYS[w], 'tenant', ARGV[1])
              redis.call('PEXPIRE', KEYS[w], ARGV[4 + w])
            end
            redis.call('ZADD', KEYS[4], ARGV[10], ARGV[8])
            redis.call('ZADD', KEYS[5], ARGV[11], ARGV[9])
            redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. ARGV[12])
            redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', '(' .. ARGV[13])
            return {0, used}
            """;

    // A MINUTE row that has expired is not recreated (its window is over); DAY/MONTH rows are (fail-open settles).
    private static final String SETTLE = """
            for w = 1, 3 do
              local exists = redis.call('EXISTS', KEYS[w]) == 1
              if exists or w > 1 then
                redis.call('HINCRBY', KEYS[w], 'c', ARGV[1])
                redis.call('HINCRBY', KEYS[w], 'r', ARGV[2])
                redis.call('HINCRBY', KEYS[w], 't', ARGV[3])
                if not exists then
                  redis.call('HSET', KEYS[w], 'tenant', ARGV[4])
                  redis.call('PEXPIRE', KEYS[w], ARGV[5])
                  redis.call('ZADD', KEYS[2 + w], ARGV[4 + w], ARGV[6 + w])
                end
              end
            end
            return {redis.call('HMGET', KEYS[2], 'c', 'r', 't'), redis.call('HMGET', KEYS[3], 'c', 'r', 't')}
            """;

    private final UnifiedJedis jedis;
    private final RedisScripts scripts;
    private final String prefix;
    private final Duration retention;

    /**
     * @param prefix    key prefix, e.g. {@code sb}; wrapped in a hash tag ({@code {sb}})
     * @param retention how long DAY and MONTH rows outlive their window (for usage queries)
     */
    public RedisLedger(UnifiedJedis jedis, String prefix, Duration retention) {
        this.jedis = jedis;
        this.scripts = new RedisScripts(jedis);
        this.prefix = "{" + prefix + "}";
        this.retention = retention;
    }

    private String row(String keyId, Window w, Instant start) {
        return prefix + ":l:" + keyId + ":" + w.code() + ":" + start.getEpochSecond();
    }

    private String index(Window w) {
        return prefix + ":lidx:" + w.code();
    }

    private static String member(String keyId, Instant start) {
        return start.getEpochSecond() + "|" + keyId;
    }

    private long ttlMillis(Window w, Instant now) {
        Duration keep = w == Window.MINUTE ? Duration.ofMinutes(1) : retention;
        return Math.max(1_000, Duration.between(now, w.end(now)).plus(keep).toMillis());
    }

    @Override
    public Admission admit(AdmitRequest request) {
        Instant now = request.now();
        String id = request.keyId();
        List<String> keys = List.of(
                row(id, Window.MINUTE, Window.MINUTE.start(now)),
                row(id, Window.DAY, Window.DAY.start(now)),
                row(id, Window.MONTH, Window.MONTH.start(now)),
                index(Window.DAY),
                index(Window.MONTH));
        Amounts e = request.estimate();
        Instant day = Window.DAY.start(now);
        Instant month = Window.MONTH.start(now);
        long trimBelow = now.minus(retention).getEpochSecond() - 31L * 24 * 3600;
        List<String> args = new ArrayList<>(List.of(
                request.tenant(),
                Long.toString(e.nanoUsd()),
                Long.toString(e.requests()),
                Long.toString(e.tokens()),
                Long.toString(ttlMillis(Window.MINUTE, now)),
                Long.toString(ttlMillis(Window.DAY, now)),
                Long.toString(ttlMillis(Window.MONTH, now)),
                member(id, day),
                member(id, month),
                Long.toString(day.getEpochSecond()),
                Long.toString(month.getEpochSecond()),
                Long.toString(trimBelow),
                Long.toString(trimBelow),
                Integer.toString(request.limits().size())));
        for (Limit l : request.limits()) {
            args.add(Integer.toString(l.window().ordinal() + 1));
            args.add(l.counter().code());
            args.add(Long.toString(l.max()));
        }
        List<?> reply = (List<?>) call(() -> scripts.run(ADMIT, keys, args));
        int denied = ((Long) reply.get(0)).intValue();
        List<?> used = (List<?>) reply.get(1);
        List<LimitState> states = new ArrayList<>();
        for (int i = 0; i < request.limits().size(); i++) {
            Limit l = request.limits().get(i);
            long u = (Long) used.get(i) + (denied == 0 ? e.get(l.counter()) : 0);
            states.add(new LimitState(l, u, l.window().end(now)));
        }
        if (denied > 0) {
            return new Admission.Denied(states.get(denied - 1), states);
        }
        return new Admission.Admitted(new Reservation(id, request.tenant(), now, e), states);
    }

    @Override
    public List<WindowTotals> settle(Reservation reservation, Amounts actual) {
        Instant at = reservation.admittedAt();
        String id = reservation.keyId();
        Amounts d = actual.minus(reservation.reserved());
        Instant day = Window.DAY.start(at);
        Instant month = Window.MONTH.start(at);
        List<String> keys = List.of(
                row(id, Window.MINUTE, Window.MINUTE.start(at)),
                row(id, Window.DAY, day),
                row(id, Window.MONTH, month),
                index(Window.DAY),
                index(Window.MONTH));
        List<String> args = List.of(
                Long.toString(d.nanoUsd()),
                Long.toString(d.requests()),
                Long.toString(d.tokens()),
                reservation.tenant(),
                Long.toString(ttlMillis(Window.MONTH, at)),
                Long.toString(day.getEpochSecond()),
                Long.toString(month.getEpochSecond()),
                member(id, day),
                member(id, month));
        List<?> reply = (List<?>) call(() -> scripts.run(SETTLE, keys, args));
        return List.of(
                new WindowTotals(Window.DAY, day, amounts((List<?>) reply.get(0))),
                new WindowTotals(Window.MONTH, month, amounts((List<?>) reply.get(1))));
    }

    @Override
    public List<UsageRow> usage(UsageQuery q) {
        return call(() -> {
            List<String> members = jedis.zrangeByScore(
                    index(q.window()), Long.toString(q.from().getEpochSecond()), "(" + q.to().getEpochSecond());
            List<UsageRow> rows = new ArrayList<>();
            for (String m : members) {
                int bar = m.indexOf('|');
                Instant start = Instant.ofEpochSecond(Long.parseLong(m.substring(0, bar)));
                String keyId = m.substring(bar + 1);
                if (q.keyId() != null && !q.keyId().equals(keyId)) {
                    continue;
                }
                List<String> v = jedis.hmget(row(keyId, q.window(), start), "c", "r", "t", "tenant");
                if (v.get(1) != null) {
                    rows.add(new UsageRow(keyId, v.get(3), q.window(), start, amounts(v.subList(0, 3))));
                }
            }
            rows.sort(Comparator.comparing(UsageRow::start).thenComparing(UsageRow::keyId));
            return rows;
        });
    }

    @Override
    public boolean markAlert(String keyId, Window window, Instant windowStart, int percent) {
        String key =
                prefix + ":alert:" + keyId + ":" + window.code() + ":" + windowStart.getEpochSecond() + ":" + percent;
        long ttl = Duration.between(windowStart, window.end(windowStart))
                .plus(retention)
                .toMillis();
        return call(
                () -> "OK".equals(jedis.set(key, "1", SetParams.setParams().nx().px(ttl))));
    }

    private static Amounts amounts(List<?> crt) {
        return new Amounts(num(crt.get(0)), num(crt.get(1)), num(crt.get(2)));
    }

    private static long num(Object o) {
        return switch (o) {
            case null -> 0;
            case Long l -> l;
            case byte[] b -> Long.parseLong(new String(b, java.nio.charset.StandardCharsets.UTF_8));
            default -> Long.parseLong(o.toString());
        };
    }

    static <T> T call(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (JedisException e) {
            throw new LedgerUnavailable("redis: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
