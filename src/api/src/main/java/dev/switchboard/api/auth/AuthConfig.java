package dev.switchboard.api.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code switchboard.auth.*}: gateway keys, where they and the budget ledger live, and what to do when the ledger
 * is down. See README, "Gateway keys".
 */
@ConfigMapping(prefix = "switchboard.auth")
public interface AuthConfig {

    enum Mode {
        KEYS,
        NONE,
        IAM
    }

    enum Backend {
        CONFIG,
        MEMORY,
        REDIS,
        DYNAMODB,
        FIRESTORE
    }

    enum LedgerBackend {
        MEMORY,
        REDIS,
        DYNAMODB,
        FIRESTORE
    }

    enum OnLedgerFailure {
        FAIL_OPEN,
        FAIL_CLOSED
    }

    /**
     * keys: every request needs a gateway key; none: open; iam: the platform authenticates (Lambda IAM, Cloud Run
     * invoker), the gateway does not. Unset: keys when any key is configured or the key store is not config.
     */
    Optional<Mode> mode();

    /** {@code sha256:<hex>} of the admin key; without it the admin API is off. */
    @WithName("admin-key-hash")
    Optional<String> adminKeyHash();

    /** Keys in the config file, by id (the {@code <id>} of {@code sb-<id>-<secret>}). */
    Map<String, Key> keys();

    /**
     * Where keys are looked up: config (read-only, the default), memory (one process), redis, dynamodb (AWS Lambda
     * package) or firestore (GCP package).
     */
    @WithDefault("config")
    Backend store();

    /**
     * Where budgets and rate limits are counted: memory (one process, the default), or shared: redis, dynamodb (AWS
     * Lambda package), firestore (GCP package).
     */
    @WithDefault("memory")
    LedgerBackend ledger();

    /** Ledger or key store unreachable: fail-closed (503, the default) or fail-open (serve and log). */
    @WithName("on-ledger-failure")
    @WithDefault("fail-closed")
    OnLedgerFailure onLedgerFailure();

    Redis redis();

    DynamoDb dynamodb();

    Firestore firestore();

    Alerts alerts();

    interface Key {
        /** {@code sha256:<hex of the whole key string>}. */
        String hash();

        Optional<String> tenant();

        /** Allowed model / route patterns ({@code *} = any characters); absent = all. */
        Optional<List<String>> models();

        Optional<List<String>> tags();

        Optional<Budget> budget();

        Optional<Limits> limits();

        /** ISO-8601 instant, e.g. 2027-01-01T00:00:00Z. */
        @WithName("expires-at")
        Optional<String> expiresAt();

        @WithDefault("false")
        boolean disabled();
    }

    interface Budget {
        @WithName("usd-per-day")
        Optional<BigDecimal> usdPerDay();

        @WithName("usd-per-month")
        Optional<BigDecimal> usdPerMonth();
    }

    interface Limits {
        @WithName("requests-per-minute")
        Optional<Long> requestsPerMinute();

        @WithName("tokens-per-minute")
        Optional<Long> tokensPerMinute();
    }

    interface Redis {
        /** {@code redis://[user:password@]host:port} (a secret when it holds a password: take it from env). */
        Optional<String> url();

        /** Prefix of every key the gateway writes (a hash tag keeps them in one cluster slot). */
        @WithDefault("sb")
        String prefix();

        @WithDefault("2s")
        Duration timeout();

        /** How long DAY and MONTH usage rows are kept after their window, for /admin/usage. */
        @WithName("usage-retention")
        @WithDefault("400d")
        Duration usageRetention();
    }

    /** {@code switchboard.auth.dynamodb.*}: one table (pk/sk strings, TTL attribute {@code expires}) for keys and ledger. */
    interface DynamoDb {
        @WithDefault("switchboard-auth")
        String table();

        /** Default: the function's region (AWS_REGION). */
        Optional<String> region();

        /** e.g. http://127.0.0.1:8000 for a local stand-in; default: the regional AWS endpoint. */
        @WithName("endpoint-override")
        Optional<java.net.URI> endpointOverride();

        @WithDefault("2s")
        Duration timeout();

        /** How long DAY and MONTH usage rows are kept after their window (the TTL attribute), for /admin/usage. */
        @WithName("usage-retention")
        @WithDefault("400d")
        Duration usageRetention();
    }

    /** {@code switchboard.auth.firestore.*}: collections {@code <prefix>_keys}, {@code _windows}, {@code _alerts}. */
    interface Firestore {
        /** Default: the function's project (Application Default Credentials). */
        Optional<String> project();

        @WithDefault("(default)")
        String database();

        @WithDefault("switchboard")
        String prefix();

        /** host:port of a local stand-in or a regional endpoint; default: firestore.googleapis.com. */
        Optional<String> endpoint();

        /** Talk to {@code endpoint} without TLS and credentials (local stand-ins only). */
        @WithDefault("false")
        boolean plaintext();

        /** Per operation, transaction retries included. */
        @WithDefault("5s")
        Duration timeout();

        /** How long DAY and MONTH usage rows are kept after their window (the TTL field), for /admin/usage. */
        @WithName("usage-retention")
        @WithDefault("400d")
        Duration usageRetention();
    }

    interface Alerts {
        /** Percentages of a budget at which one alert event is logged per window. */
        @WithDefault("50,80,100")
        List<Integer> thresholds();

        /** Optional URL that receives each alert event as a JSON POST. */
        Optional<String> webhook();
    }
}
