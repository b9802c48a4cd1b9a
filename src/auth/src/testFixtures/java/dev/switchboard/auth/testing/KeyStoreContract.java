package dev.switchboard.auth.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.auth.ApiKeys;
import dev.switchboard.auth.Budget;
import dev.switchboard.auth.GatewayKey;
import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.RateLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link MutableKeyStore} contract. Ids are unique per test, so a backend may be shared between tests; list()
 * assertions look only at this test's keys.
 */
public abstract class KeyStoreContract {

    protected abstract MutableKeyStore newStore();

    protected MutableKeyStore store;
    private String prefix;

    @BeforeEach
    void setUpStore() {
        store = newStore();
        prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    protected GatewayKey fullKey(String id) {
        return GatewayKey.of(id, ApiKeys.hash(ApiKeys.generate(id)))
                .withTenant("acme")
                .withModels(List.of("up/*", "default"))
                .withTags(List.of("team-a", "prod"))
                .withBudget(new Budget(new BigDecimal("5"), new BigDecimal("100.25")))
                .withLimits(new RateLimits(60L, 100_000L))
                .withExpiresAt(Instant.parse("2027-01-01T00:00:00Z"));
    }

    private List<GatewayKey> mine() {
        return store.list().stream().filter(k -> k.id().startsWith(prefix)).toList();
    }

    @Test
    void aCreatedKeyReadsBackWithEveryField() {
        GatewayKey key = fullKey(prefix + "a");
        store.create(key);

        assertThat(store.get(key.id())).contains(key);
        assertThat(store.mutable()).isTrue();
    }

    @Test
    void aKeyWithOnlyAHashReadsBackUnlimited() {
        GatewayKey key = GatewayKey.of(prefix + "min", ApiKeys.hash("sb-x-y"));
        store.create(key);

        GatewayKey read = store.get(key.id()).orElseThrow();
        assertThat(read).isEqualTo(key);
        assertThat(read.ledgerLimits()).isEmpty();
    }

    @Test
    void creatingAnExistingIdFailsAndKeepsTheOriginal() {
        GatewayKey key = fullKey(prefix + "a");
        store.create(key);

        assertThatThrownBy(() -> store.create(fullKey(prefix + "a").withTenant("other")))
                .isInstanceOf(MutableKeyStore.KeyConflict.class);
        assertThat(store.get(key.id())).contains(key);
    }

    @Test
    void listIsOrderedById() {
        store.create(fullKey(prefix + "c"));
        store.create(fullKey(prefix + "a"));
        store.create(fullKey(prefix + "b"));

        assertThat(mine()).extracting(GatewayKey::id).containsExactly(prefix + "a", prefix + "b", prefix + "c");
    }

    @Test
    void updateReplacesAnExistingKeyOnly() {
        GatewayKey key = fullKey(prefix + "a");
        store.create(key);
        GatewayKey changed = key.withLimits(new RateLimits(1L, null)).withBudget(Budget.UNLIMITED);

        assertThat(store.update(changed)).contains(changed);
        assertThat(store.get(key.id())).contains(changed);
        assertThat(store.update(fullKey(prefix + "missing"))).isEmpty();
        assertThat(store.get(prefix + "missing")).isEmpty();
    }

    @Test
    void disableKeepsTheKeyButMarksIt() {
        store.create(fullKey(prefix + "a"));

        assertThat(store.disable(prefix + "a"))
                .hasValueSatisfying(k -> assertThat(k.disabled()).isTrue());
        assertThat(store.get(prefix + "a"))
                .hasValueSatisfying(k -> assertThat(k.disabled()).isTrue());
        assertThat(store.disable(prefix + "missing")).isEmpty();
    }

    @Test
    void deleteRemovesTheKey() {
        store.create(fullKey(prefix + "a"));

        assertThat(store.delete(prefix + "a")).isTrue();
        assertThat(store.delete(prefix + "a")).isFalse();
        assertThat(store.get(prefix + "a")).isEmpty();
        assertThat(mine()).isEmpty();
    }
}
