package dev.switchboard.auth;

import dev.switchboard.auth.ledger.Counter;
import dev.switchboard.auth.ledger.Limit;
import dev.switchboard.auth.ledger.NanoUsd;
import dev.switchboard.auth.ledger.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A gateway key as stored: never the key itself, only its hash ({@link ApiKeys#hash}).
 *
 * @param id        the {@code <id>} of {@code sb-<id>-<secret>}; also the config map name
 * @param hash      {@code sha256:<hex of the whole key string>}
 * @param tenant    who the spend belongs to; defaults to the id
 * @param models    allowed model / route patterns ({@code *} matches any run of characters); empty = all
 * @param tags      stamped on every cost record of this key
 * @param expiresAt null = never
 */
public record GatewayKey(
        String id,
        String hash,
        String tenant,
        List<String> models,
        List<String> tags,
        Budget budget,
        RateLimits limits,
        Instant expiresAt,
        boolean disabled) {

    public GatewayKey {
        ApiKeys.requireValidId(id);
        Objects.requireNonNull(hash, "hash");
        if (!ApiKeys.isHash(hash)) {
            throw new IllegalArgumentException("key '" + id + "': hash must be sha256:<64 hex digits>");
        }
        tenant = tenant == null || tenant.isBlank() ? id : tenant;
        models = models == null ? List.of() : List.copyOf(models);
        tags = tags == null ? List.of() : List.copyOf(tags);
        budget = budget == null ? Budget.UNLIMITED : budget;
        limits = limits == null ? RateLimits.UNLIMITED : limits;
    }

    /** A key with no restriction but its hash: the start of a builder-like chain of withers. */
    public static GatewayKey of(String id, String hash) {
        return new GatewayKey(id, hash, null, null, null, null, null, null, false);
    }

    public GatewayKey withTenant(String t) {
        return new GatewayKey(id, hash, t, models, tags, budget, limits, expiresAt, disabled);
    }

    public GatewayKey withModels(List<String> m) {
        return new GatewayKey(id, hash, tenant, m, tags, budget, limits, expiresAt, disabled);
    }

    public GatewayKey withTags(List<String> t) {
        return new GatewayKey(id, hash, tenant, models, t, budget, limits, expiresAt, disabled);
    }

    public GatewayKey withBudget(Budget b) {
        return new GatewayKey(id, hash, tenant, models, tags, b, limits, expiresAt, disabled);
    }

    public GatewayKey withLimits(RateLimits l) {
        return new GatewayKey(id, hash, tenant, models, tags, budget, l, expiresAt, disabled);
    }

    public GatewayKey withExpiresAt(Instant e) {
        return new GatewayKey(id, hash, tenant, models, tags, budget, limits, e, disabled);
    }

    public GatewayKey withDisabled(boolean d) {
        return new GatewayKey(id, hash, tenant, models, tags, budget, limits, expiresAt, d);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether this key may call {@code model} (the name the caller sent: a route or provider/model). */
    public boolean allowsModel(String model) {
        return ModelPatterns.anyMatches(models, model);
    }

    /** The ledger limits this key's budget and rate limits amount to (none when unlimited). */
    public List<Limit> ledgerLimits() {
        List<Limit> out = new ArrayList<>(4);
        if (budget.usdPerDay() != null) {
            out.add(new Limit(Window.DAY, Counter.COST_NANO_USD, NanoUsd.of(budget.usdPerDay())));
        }
        if (budget.usdPerMonth() != null) {
            out.add(new Limit(Window.MONTH, Counter.COST_NANO_USD, NanoUsd.of(budget.usdPerMonth())));
        }
        if (limits.requestsPerMinute() != null) {
            out.add(new Limit(Window.MINUTE, Counter.REQUESTS, limits.requestsPerMinute()));
        }
        if (limits.tokensPerMinute() != null) {
            out.add(new Limit(Window.MINUTE, Counter.TOKENS, limits.tokensPerMinute()));
        }
        return List.copyOf(out);
    }
}
