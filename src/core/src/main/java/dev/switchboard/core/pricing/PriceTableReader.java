package dev.switchboard.core.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the price-table format written by {@code deploy/pricing/derive.py}: {@code version}, {@code source},
 * {@code _license} and {@code models}, a map from table key to LiteLLM-named fields. Explicit tree code, no
 * binding. Fields it does not know are ignored, so a hand-written file may be terse and a future table may be richer.
 */
final class PriceTableReader {
    private static final Pattern RATE_FIELD =
            Pattern.compile("^(" + alternatives() + ")(?:_above_(\\d+)k_tokens)?(_batches)?$");

    private PriceTableReader() {}

    /** @throws IllegalArgumentException naming {@code origin} when the document is not a price table */
    static PriceTable read(JsonNode root, String origin, Supplier<String> fallbackVersion) {
        if (root == null || !root.isObject()) throw new IllegalArgumentException(origin + ": not a JSON object");
        JsonNode models = root.get("models");
        if (models == null || !models.isObject()) {
            throw new IllegalArgumentException(
                    origin + ": no \"models\" object (expected the format of " + "switchboard/pricing/prices.json)");
        }
        String version = Json.text(root, "version");
        Map<String, PriceEntry> entries = new LinkedHashMap<>();
        // ~30 distinct field names over ~9k fields: each name is matched once (cold start: the regex in the
        // interpreter was a good part of reading the bundled table)
        Map<String, RateField> fields = new HashMap<>();
        for (Map.Entry<String, JsonNode> m : models.properties()) {
            if (!m.getValue().isObject())
                throw new IllegalArgumentException(origin + ": model " + m.getKey() + " is not an object");
            entries.put(m.getKey(), entry(m.getKey(), m.getValue(), origin, fields));
        }
        return new PriceTable(
                version == null || version.isBlank() ? fallbackVersion.get() : version,
                Json.text(root, "source"),
                Json.text(root, "_license"),
                entries);
    }

    /** What a field name says: a rate of {@code kind}, in the tier above {@code above} tokens (-1: no tier), batch or not. */
    private record RateField(RateKind kind, long above, boolean batch) {
        static final RateField NONE = new RateField(null, -1, false);

        static RateField of(String name) {
            Matcher m = RATE_FIELD.matcher(name);
            if (!m.matches()) return NONE;
            return new RateField(
                    PriceTableReader.kind(m.group(1)),
                    m.group(2) == null ? -1 : Long.parseLong(m.group(2)) * 1000,
                    m.group(3) != null);
        }
    }

    private static PriceEntry entry(String key, JsonNode node, String origin, Map<String, RateField> fields) {
        Map<Boolean, Map<RateKind, BigDecimal>> plain =
                Map.of(false, new EnumMap<>(RateKind.class), true, new EnumMap<>(RateKind.class));
        Map<Long, Map<Boolean, Map<RateKind, BigDecimal>>> tiers = new TreeMap<>();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            RateField field = fields.computeIfAbsent(f.getKey(), RateField::of);
            if (field == RateField.NONE) continue;
            BigDecimal rate = rate(f.getValue(), origin, key, f.getKey());
            if (rate == null) continue;
            Map<Boolean, Map<RateKind, BigDecimal>> target = plain;
            if (field.above() >= 0) {
                target = tiers.computeIfAbsent(
                        field.above(),
                        k -> Map.of(false, new EnumMap<>(RateKind.class), true, new EnumMap<>(RateKind.class)));
            }
            target.get(field.batch()).put(field.kind(), rate);
        }
        return new PriceEntry(
                key,
                Json.text(node, "litellm_provider"),
                Json.text(node, "mode"),
                rates(plain.get(false)),
                rates(plain.get(true)),
                tiers.entrySet().stream()
                        .map(t -> new PriceTier(
                                t.getKey(),
                                rates(t.getValue().get(false)),
                                rates(t.getValue().get(true))))
                        .toList(),
                metadata(node));
    }

    private static BigDecimal rate(JsonNode v, String origin, String key, String field) {
        if (v == null || v.isNull()) return null;
        // exact: Json parses floats as BigDecimal, so 3.75e-06 stays 0.00000375
        if (!v.isNumber() || v.decimalValue().signum() < 0) {
            throw new IllegalArgumentException(origin + ": " + key + "." + field + " is not a non-negative number");
        }
        return v.decimalValue();
    }

    private static Rates rates(Map<RateKind, BigDecimal> m) {
        Rates r = Rates.NONE;
        for (Map.Entry<RateKind, BigDecimal> e : m.entrySet()) r = r.with(e.getKey(), e.getValue());
        return r;
    }

    private static ModelMetadata metadata(JsonNode n) {
        return new ModelMetadata(
                Json.longOrNull(n, "max_input_tokens"),
                Json.longOrNull(n, "max_output_tokens"),
                flag(n, "supports_vision"),
                flag(n, "supports_function_calling"),
                flag(n, "supports_response_schema"),
                flag(n, "supports_reasoning"),
                flag(n, "supports_prompt_caching"),
                date(Json.text(n, "deprecation_date")));
    }

    /** True or false when the table states it, null when it is silent (the table omits most false flags). */
    private static Boolean flag(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isBoolean() ? v.asBoolean() : null;
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static RateKind kind(String field) {
        for (RateKind k : RateKind.values()) if (k.field().equals(field)) return k;
        throw new IllegalStateException(field);
    }

    /** Longest names first, so cache_creation_input_token_cost_above_1hr is not read as a tier of cache writes. */
    private static String alternatives() {
        return Arrays.stream(RateKind.values())
                .map(RateKind::field)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .reduce((a, b) -> a + "|" + b)
                .orElseThrow();
    }
}
