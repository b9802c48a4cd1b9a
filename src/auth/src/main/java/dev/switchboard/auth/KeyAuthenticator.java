package dev.switchboard.auth;

import java.time.Clock;
import java.util.Optional;

/**
 * Turns the key a caller presented into a {@link GatewayKey}, or a reason to refuse (all of which are a 401 to the
 * caller: which one is only logged).
 */
public final class KeyAuthenticator {

    /** Why a presented key was refused. */
    public enum Refusal {
        MISSING,
        MALFORMED,
        UNKNOWN,
        WRONG_SECRET,
        DISABLED,
        EXPIRED
    }

    /** Either the key, or why not. */
    public record Result(GatewayKey key, Refusal refusal) {
        public boolean ok() {
            return key != null;
        }
    }

    private final KeyStore store;
    private final Clock clock;

    public KeyAuthenticator(KeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Result authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return new Result(null, Refusal.MISSING);
        }
        Optional<ApiKeys.Presented> presented = ApiKeys.parse(presentedKey.strip());
        if (presented.isEmpty()) {
            return new Result(null, Refusal.MALFORMED);
        }
        Optional<GatewayKey> stored = store.get(presented.get().id());
        if (stored.isEmpty()) {
            return new Result(null, Refusal.UNKNOWN);
        }
        GatewayKey key = stored.get();
        if (!ApiKeys.matches(key.hash(), presented.get().key())) {
            return new Result(null, Refusal.WRONG_SECRET);
        }
        if (key.disabled()) {
            return new Result(null, Refusal.DISABLED);
        }
        if (key.expiredAt(clock.instant())) {
            return new Result(null, Refusal.EXPIRED);
        }
        return new Result(key, null);
    }
}
