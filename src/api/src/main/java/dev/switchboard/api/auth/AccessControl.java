package dev.switchboard.api.auth;

import dev.switchboard.auth.GatewayKey;
import dev.switchboard.auth.KeyAuthenticator;
import dev.switchboard.auth.KeyStore;
import dev.switchboard.auth.ledger.Admission;
import dev.switchboard.auth.ledger.AdmitRequest;
import dev.switchboard.auth.ledger.Amounts;
import dev.switchboard.auth.ledger.Ledger;
import dev.switchboard.auth.ledger.LedgerUnavailable;
import dev.switchboard.auth.ledger.LimitState;
import dev.switchboard.auth.ledger.NanoUsd;
import dev.switchboard.auth.ledger.Reservation;
import dev.switchboard.auth.ledger.WindowTotals;
import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.error.AccessDenied;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Usage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The gateway-key checks every front door runs, in order: {@link #authenticate} (before the body is read: 401),
 * {@link #admit} (model allow-list: 403; budgets and rate limits through the ledger: 429), and {@link #settle} once
 * the call is over with what it really cost. Keys are never logged; their ids are.
 */
@Singleton
public class AccessControl {
    private static final Logger LOG = Logger.getLogger(AccessControl.class);
    static final String INVALID_KEY =
            "Invalid or missing gateway key: send it as 'Authorization: Bearer <key>'" + " or 'x-api-key: <key>'.";

    private final AuthConfig.Mode mode;
    private final KeyAuthenticator authenticator;
    private final Ledger ledger;
    private final Clock clock;
    private final CallEstimator estimator;
    private final BudgetAlerts alerts;
    private final boolean failOpen;
    private final AtomicLong ledgerFailures = new AtomicLong();

    @Inject
    AccessControl(
            AuthConfig config,
            KeyStore store,
            Ledger ledger,
            Clock clock,
            CallEstimator estimator,
            BudgetAlerts alerts) {
        this(effectiveMode(config), config.onLedgerFailure(), store, ledger, clock, estimator, alerts);
    }

    /** One gateway's checks; public so a test can stand up a second gateway instance on the same backends. */
    public AccessControl(
            AuthConfig.Mode mode,
            AuthConfig.OnLedgerFailure onLedgerFailure,
            KeyStore store,
            Ledger ledger,
            Clock clock,
            CallEstimator estimator,
            BudgetAlerts alerts) {
        this.mode = mode;
        this.authenticator = new KeyAuthenticator(store, clock);
        this.ledger = ledger;
        this.clock = clock;
        this.estimator = estimator;
        this.alerts = alerts;
        this.failOpen = onLedgerFailure == AuthConfig.OnLedgerFailure.FAIL_OPEN;
    }

    /** No key checks at all: for traffic the gateway makes itself (SnapStart priming), never for callers. */
    public static AccessControl open() {
        return new AccessControl(
                AuthConfig.Mode.NONE,
                AuthConfig.OnLedgerFailure.FAIL_CLOSED,
                null,
                null,
                Clock.systemUTC(),
                null,
                null);
    }

    /** Explicit mode, else keys as soon as any key can exist (config keys, or a mutable store). */
    static AuthConfig.Mode effectiveMode(AuthConfig config) {
        return config.mode()
                .orElse(
                        !config.keys().isEmpty() || config.store() != AuthConfig.Backend.CONFIG
                                ? AuthConfig.Mode.KEYS
                                : AuthConfig.Mode.NONE);
    }

    public AuthConfig.Mode mode() {
        return mode;
    }

    /** Times the ledger or key store could not be reached since start. */
    public long ledgerFailures() {
        return ledgerFailures.get();
    }

    /** The caller's key, or null when this gateway does not check keys. */
    public GatewayKey authenticate(String credential, String requestId) {
        if (mode != AuthConfig.Mode.KEYS) return null;
        KeyAuthenticator.Result result;
        try {
            result = authenticator.authenticate(credential);
        } catch (LedgerUnavailable e) {
            // Without the key store nobody can be authenticated: failing open here would admit anyone.
            ledgerFailure("key store", e);
            throw AccessDenied.ledgerUnavailable("The gateway cannot check keys right now; try again shortly.");
        }
        if (!result.ok()) {
            LOG.debugf("request %s refused: %s", requestId, result.refusal());
            throw AccessDenied.invalidKey(INVALID_KEY);
        }
        return result.key();
    }

    /** Checks the model and the key's limits, reserving the call's estimate. */
    public Pass admit(GatewayKey key, ChatRequest request, RequestContext ctx) {
        if (key == null) return new Pass(null, null, ctx);
        RequestContext attributed = ctx.withKey(key.id(), key.tenant(), key.tags());
        if (!key.allowsModel(request.model())) {
            throw AccessDenied.modelNotAllowed("The model '" + request.model() + "' is not allowed for this key.");
        }
        Instant now = clock.instant();
        Amounts estimate = estimator.estimate(request);
        Admission admission;
        try {
            admission = ledger.admit(new AdmitRequest(key.id(), key.tenant(), now, estimate, key.ledgerLimits()));
        } catch (LedgerUnavailable e) {
            ledgerFailure("ledger", e);
            if (!failOpen) {
                throw AccessDenied.ledgerUnavailable(
                        "The gateway cannot check this key's limits right now; try again" + " shortly.");
            }
            return new Pass(key, Reservation.none(key.id(), key.tenant(), now), attributed);
        }
        if (admission instanceof Admission.Denied denied) throw refusal(key, denied, now);
        return new Pass(key, ((Admission.Admitted) admission).reservation(), attributed);
    }

    private static AccessDenied refusal(GatewayKey key, Admission.Denied denied, Instant now) {
        LimitState s = denied.exceeded();
        Map<String, String> headers = RateLimitHeaders.of(denied.states(), now);
        Duration retry = Duration.ofSeconds(RateLimitHeaders.secondsUntil(now, s.resetsAt()));
        String window = s.limit().window().name().toLowerCase(java.util.Locale.ROOT);
        if (s.limit().budget()) {
            return AccessDenied.quotaExceeded(
                    "The budget of USD " + NanoUsd.toUsd(s.limit().max()).toPlainString() + " per " + window
                            + " of this key is spent; it resets at " + s.resetsAt() + ".",
                    retry,
                    headers);
        }
        String what = s.limit().counter() == dev.switchboard.auth.ledger.Counter.REQUESTS ? "requests" : "tokens";
        return AccessDenied.rateLimited(
                "Rate limit of " + s.limit().max() + " " + what + " per minute reached for" + " this key; retry after "
                        + s.resetsAt() + ".",
                retry,
                headers);
    }

    /**
     * Replaces the reservation with what the call used: the answering attempt's usage and price (zero when it failed
     * before answering). Never throws: the answer is already on its way.
     */
    public void settle(Pass pass, Usage usage, PriceQuote quote) {
        if (pass == null || pass.reservation() == null) return;
        long tokens = usage == null ? 0 : nz(usage.inputTokens()) + nz(usage.outputTokens());
        BigDecimal cost = quote == null ? null : quote.costUsd();
        Amounts actual = new Amounts(NanoUsd.of(cost), 1, tokens);
        try {
            List<WindowTotals> totals = ledger.settle(pass.reservation(), actual);
            alerts.check(pass.key(), totals);
        } catch (LedgerUnavailable e) {
            ledgerFailure("ledger", e);
        } catch (RuntimeException e) {
            LOG.errorf("settling request of key '%s' failed: %s", pass.key().id(), e.toString());
        }
    }

    private void ledgerFailure(String what, LedgerUnavailable e) {
        long n = ledgerFailures.incrementAndGet();
        LOG.warnf(
                "%s unavailable (%s; %d failures since start; on-ledger-failure=%s): %s",
                what,
                failOpen ? "serving without limits" : "refusing with 503",
                n,
                failOpen ? "fail-open" : "fail-closed",
                e.getMessage());
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}
