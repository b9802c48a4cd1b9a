package dev.switchboard.api.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.ledger.Amounts;
import dev.switchboard.auth.ledger.Ledger;
import dev.switchboard.auth.ledger.NanoUsd;
import dev.switchboard.auth.ledger.UsageQuery;
import dev.switchboard.auth.ledger.UsageRow;
import dev.switchboard.auth.ledger.Window;
import dev.switchboard.core.json.Json;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /admin/usage}: the ledger's DAY rows summed by key, tenant or day. Spend includes the estimates of
 * calls in flight; cost records stay the billing truth.
 */
@Singleton
public class UsageQueries {
    private static final int MAX_DAYS = 400;

    private final Ledger ledger;
    private final Clock clock;

    UsageQueries(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    ObjectNode report(String fromText, String toText, String byText, String keyId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate to = date(toText, "to", today);
        LocalDate from = date(fromText, "from", to.minusDays(29));
        if (from.isAfter(to)) throw new IllegalArgumentException("from: must not be after to");
        if (from.plusDays(MAX_DAYS).isBefore(to)) throw new IllegalArgumentException("at most " + MAX_DAYS + " days");
        String by = byText == null || byText.isBlank() ? "key" : byText.strip();
        if (!by.equals("key") && !by.equals("tenant") && !by.equals("day")) {
            throw new IllegalArgumentException("by: key, tenant or day");
        }
        Map<String, Amounts> groups = new TreeMap<>();
        Map<String, String> tenants = new TreeMap<>();
        for (UsageRow row : ledger.usage(new UsageQuery(
                Window.DAY,
                from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                blankToNull(keyId)))) {
            String group = switch (by) {
                case "tenant" -> row.tenant();
                case "day" -> LocalDate.ofInstant(row.start(), ZoneOffset.UTC).toString();
                default -> row.keyId();
            };
            groups.merge(group, row.totals(), Amounts::plus);
            if (by.equals("key")) tenants.put(group, row.tenant());
        }
        ObjectNode out = Json.object();
        out.put("object", "usage");
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("by", by);
        ArrayNode data = out.putArray("data");
        groups.forEach((group, a) -> {
            ObjectNode row = data.addObject();
            row.put(by, group);
            if (by.equals("key")) row.put("tenant", tenants.get(group));
            row.put("spent_usd", NanoUsd.toUsd(a.nanoUsd()));
            row.put("requests", a.requests());
            row.put("tokens", a.tokens());
        });
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static LocalDate date(String text, String name, LocalDate fallback) {
        if (text == null || text.isBlank()) return fallback;
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": a date as YYYY-MM-DD");
        }
    }
}
