package dev.switchboard.api.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.GatewayKey;
import dev.switchboard.auth.ledger.Ledger;
import dev.switchboard.auth.ledger.LedgerUnavailable;
import dev.switchboard.auth.ledger.NanoUsd;
import dev.switchboard.auth.ledger.Window;
import dev.switchboard.auth.ledger.WindowTotals;
import dev.switchboard.core.json.Json;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One {@code budget_alert} log event (and optional webhook POST) when a key's spend in a day or month first reaches
 * each threshold of its budget. "First" holds across instances: the ledger's {@link Ledger#markAlert} decides.
 * Fixed keys: event, key_id, tenant, window, window_start, percent, spent_usd, budget_usd.
 */
@Singleton
public class BudgetAlerts {
    /** The logger name a log-based alert filters on. */
    public static final String LOGGER = "switchboard.budget-alert";

    private static final Logger LOG = Logger.getLogger(LOGGER);

    private final Ledger ledger;
    private final List<Integer> thresholds;
    private final Optional<URI> webhook;
    private final Set<String> fired = ConcurrentHashMap.newKeySet();
    private volatile HttpClient http;

    @Inject
    BudgetAlerts(Ledger ledger, AuthConfig config) {
        this(
                ledger,
                config.alerts().thresholds(),
                config.alerts().webhook().filter(w -> !w.isBlank()).map(URI::create));
    }

    public BudgetAlerts(Ledger ledger, List<Integer> thresholds, Optional<URI> webhook) {
        this.ledger = ledger;
        this.thresholds = thresholds.stream().sorted().toList();
        this.webhook = webhook;
    }

    void check(GatewayKey key, List<WindowTotals> totals) {
        for (WindowTotals t : totals) {
            BigDecimal budget = switch (t.window()) {
                case DAY -> key.budget().usdPerDay();
                case MONTH -> key.budget().usdPerMonth();
                case MINUTE -> null;
            };
            if (budget == null || budget.signum() == 0) continue;
            long budgetNano = NanoUsd.of(budget);
            for (int percent : thresholds) {
                if (t.totals().nanoUsd() * 100.0 < (double) budgetNano * percent) break;
                String id = key.id() + "|" + t.window().code() + "|" + t.start().getEpochSecond() + "|" + percent;
                if (fired.contains(id)) continue;
                try {
                    if (ledger.markAlert(key.id(), t.window(), t.start(), percent)) emit(key, t, percent, budget);
                    fired.add(id);
                } catch (LedgerUnavailable e) {
                    LOG.warnf("budget alert state unavailable for key '%s': %s", key.id(), e.getMessage());
                }
            }
        }
    }

    private void emit(GatewayKey key, WindowTotals t, int percent, BigDecimal budget) {
        ObjectNode event = Json.object();
        event.put("event", "budget_alert");
        event.put("key_id", key.id());
        event.put("tenant", key.tenant());
        event.put("window", t.window() == Window.DAY ? "day" : "month");
        event.put("window_start", t.start().toString());
        event.put("percent", percent);
        event.put("spent_usd", NanoUsd.toUsd(t.totals().nanoUsd()));
        event.put("budget_usd", budget);
        String json = Json.write(event);
        LOG.warn(json);
        webhook.ifPresent(uri -> post(uri, json));
    }

    private void post(URI uri, String json) {
        if (http == null)
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e != null) LOG.warnf("budget alert webhook failed: %s", e.toString());
            else if (r.statusCode() >= 300) LOG.warnf("budget alert webhook answered %d", r.statusCode());
        });
    }
}
