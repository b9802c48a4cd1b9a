package dev.switchboard.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Budget;
import dev.switchboard.auth.GatewayKey;
import dev.switchboard.auth.RateLimits;
import dev.switchboard.core.http.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin API's JSON for a key: snake_case versions of the config names, never the hash or the key (the key is
 * added once, to the answer of a create).
 */
final class KeyJson {
    private KeyJson() {}

    static ObjectNode view(GatewayKey k) {
        ObjectNode o = Json.object();
        o.put("id", k.id());
        o.put("tenant", k.tenant());
        ArrayNode models = o.putArray("models");
        k.models().forEach(models::add);
        ArrayNode tags = o.putArray("tags");
        k.tags().forEach(tags::add);
        ObjectNode budget = o.putObject("budget");
        budget.put("usd_per_day", k.budget().usdPerDay());
        budget.put("usd_per_month", k.budget().usdPerMonth());
        ObjectNode limits = o.putObject("limits");
        limits.put("requests_per_minute", k.limits().requestsPerMinute());
        limits.put("tokens_per_minute", k.limits().tokensPerMinute());
        o.put("expires_at", k.expiresAt() == null ? null : k.expiresAt().toString());
        o.put("disabled", k.disabled());
        return o;
    }

    /** {@code base} with every field {@code patch} carries; an explicit null clears a limit. */
    static GatewayKey apply(GatewayKey base, JsonNode patch) {
        GatewayKey k = base;
        if (patch.has("tenant")) k = k.withTenant(text(patch, "tenant"));
        if (patch.has("models")) k = k.withModels(strings(patch.get("models"), "models"));
        if (patch.has("tags")) k = k.withTags(strings(patch.get("tags"), "tags"));
        if (patch.has("budget")) {
            JsonNode b = patch.get("budget");
            k = k.withBudget(new Budget(
                    decimal(b, "usd_per_day", k.budget().usdPerDay()),
                    decimal(b, "usd_per_month", k.budget().usdPerMonth())));
        }
        if (patch.has("limits")) {
            JsonNode l = patch.get("limits");
            k = k.withLimits(new RateLimits(
                    number(l, "requests_per_minute", k.limits().requestsPerMinute()),
                    number(l, "tokens_per_minute", k.limits().tokensPerMinute())));
        }
        if (patch.has("expires_at")) {
            String s = text(patch, "expires_at");
            try {
                k = k.withExpiresAt(s == null ? null : Instant.parse(s));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expires_at: not an ISO-8601 instant (e.g. 2027-01-01T00:00:00Z)");
            }
        }
        if (patch.has("disabled")) k = k.withDisabled(patch.get("disabled").asBoolean());
        return k;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new IllegalArgumentException(field + ": must be a string");
        return v.asText();
    }

    private static List<String> strings(JsonNode v, String field) {
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw new IllegalArgumentException(field + ": must be an array of strings");
        List<String> out = new ArrayList<>();
        v.forEach(e -> {
            if (!e.isTextual() || e.asText().length() > 200) {
                throw new IllegalArgumentException(field + ": must be an array of strings of at most 200 characters");
            }
            out.add(e.asText());
        });
        if (out.size() > 100) throw new IllegalArgumentException(field + ": at most 100 entries");
        return out;
    }

    private static BigDecimal decimal(JsonNode o, String field, BigDecimal current) {
        if (o == null || !o.has(field)) return current;
        JsonNode v = o.get(field);
        if (v.isNull()) return null;
        if (!v.isNumber()) throw new IllegalArgumentException("budget." + field + ": must be a number");
        return v.decimalValue();
    }

    private static Long number(JsonNode o, String field, Long current) {
        if (o == null || !o.has(field)) return current;
        JsonNode v = o.get(field);
        if (v.isNull()) return null;
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("limits." + field + ": must be an integer");
        }
        return v.asLong();
    }
}
