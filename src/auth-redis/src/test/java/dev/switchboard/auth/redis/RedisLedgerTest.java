package dev.switchboard.auth.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.auth.ledger.AdmitRequest;
import dev.switchboard.auth.ledger.Amounts;
import dev.switchboard.auth.ledger.Ledger;
import dev.switchboard.auth.ledger.LedgerUnavailable;
import dev.switchboard.auth.testing.LedgerContract;
import dev.switchboard.auth.testing.LocalRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** The ledger contract against a real redis-server started by this test. */
class RedisLedgerTest extends LedgerContract {

    @RegisterExtension
    static final RedisFixture redis = new RedisFixture();

    @Override
    protected Ledger newLedger() {
        return new RedisLedger(redis.client(), "sb", Duration.ofDays(400));
    }

    @Override
    protected Ledger sameBackend(Ledger first) {
        return newLedger();
    }

    @Test
    void rowsExpireWithTheirWindow() {
        UnifiedJedis c = redis.client();
        Instant now = Instant.now();
        new RedisLedger(c, "sb", Duration.ofDays(400))
                .admit(new AdmitRequest(key, "acme", now, Amounts.request(1, 1), List.of()));

        long minuteTtl = c.pttl("{sb}:l:" + key + ":m:" + now.getEpochSecond() / 60 * 60);
        assertThat(minuteTtl)
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(2).toMillis());
        long dayTtl = c.pttl("{sb}:l:" + key + ":d:"
                + dev.switchboard.auth.ledger.Window.DAY.start(now).getEpochSecond());
        assertThat(dayTtl).isGreaterThan(Duration.ofDays(399).toMillis());
    }

    @Test
    void anUnreachableServerIsLedgerUnavailable() {
        LocalRedis other = LocalRedis.start();
        String url = other.url();
        other.close();
        UnifiedJedis c = redis.client(url, Duration.ofSeconds(1));
        Ledger down = new RedisLedger(c, "sb", Duration.ofDays(1));

        assertThatThrownBy(() -> down.admit(new AdmitRequest(key, "acme", Instant.now(), Amounts.ZERO, List.of())))
                .isInstanceOf(LedgerUnavailable.class);
    }
}
