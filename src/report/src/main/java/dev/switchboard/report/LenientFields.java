package dev.switchboard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Brings a cost record that went through a log pipeline back to the canonical types before
 * {@code CostRecordJson.fromJson} reads it: BigQuery exports write INT64 as strings and timestamps as
 * {@code 2024-05-01 12:00:00.123 UTC}, Cloud Logging keeps numbers as doubles. Values that cannot be read are
 * left as they are, so that the strict reader reports them instead of this class guessing.
 */
final class LenientFields {
    private static final List<String> WHOLE_NUMBERS = List.of(
            "attempt",
            "input_tokens",
            "output_tokens",
            "cache_read_tokens",
            "cache_write_tokens",
            "reasoning_tokens",
            "latency_ms",
            "ttft_ms");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalEnd()
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH", "Z")
            .optionalEnd()
            .toFormatter();

    private LenientFields() {}

    static ObjectNode normalize(ObjectNode source) {
        ObjectNode o = source.deepCopy();
        JsonNode ts = o.hasNonNull("timestamp") ? o.get("timestamp") : o.get("time");
        Instant instant = instant(ts);
        if (instant != null) o.put("timestamp", instant.toString());
        for (String key : WHOLE_NUMBERS) {
            JsonNode v = o.get(key);
            if (v == null || v.isNull()) continue;
            BigDecimal d = decimal(v);
            if (d == null) continue;
            try {
                o.put(key, d.longValueExact());
            } catch (ArithmeticException e) {
                // a fraction or out of range: leave it for the strict reader
            }
        }
        JsonNode cost = o.get("cost_usd");
        if (cost != null && !cost.isNull()) {
            BigDecimal d = decimal(cost);
            if (d != null) o.put("cost_usd", d);
            else if (cost.isTextual() && cost.asText().isBlank()) o.putNull("cost_usd");
        }
        JsonNode stream = o.get("stream");
        if (stream != null && stream.isTextual())
            o.put("stream", Boolean.parseBoolean(stream.asText().strip()));
        JsonNode tags = o.get("tags");
        if (tags != null && tags.isTextual()) {
            // a single tag flattened to a string by some export
            ArrayNode one = o.putArray("tags");
            if (!tags.asText().isBlank()) one.add(tags.asText());
        }
        return o;
    }

    /** A number, or a string holding one; null otherwise. */
    static BigDecimal decimal(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) {
            if (!v.isFloatingPointNumber() || v.isBigDecimal()) return v.decimalValue();
            double d = v.doubleValue(); // Cloud Logging keeps JSON numbers as doubles
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (v.isTextual()) {
            String s = v.asText().strip();
            if (NUMBER.matcher(s).matches()) return new BigDecimal(s);
        }
        return null;
    }

    /**
     * RFC 3339 / ISO 8601 (any offset), BigQuery's {@code yyyy-MM-dd HH:mm:ss[.f] UTC}, a zone-less local time
     * (taken as UTC, which is what BigQuery means), or epoch seconds / milliseconds.
     */
    static Instant instant(JsonNode v) {
        if (v == null || v.isNull()) return null;
        BigDecimal epoch = decimal(v);
        if (epoch != null) return fromEpoch(epoch);
        if (!v.isTextual()) return null;
        String s = v.asText().strip();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException ignored) {
            // not the canonical form; try the others
        }
        if (s.length() > 10 && s.charAt(10) == ' ') s = s.substring(0, 10) + 'T' + s.substring(11);
        if (s.regionMatches(true, s.length() - 4, " UTC", 0, 4)) s = s.substring(0, s.length() - 4) + 'Z';
        s = s.replace(" ", "");
        try {
            TemporalAccessor t = TIMESTAMP.parse(s);
            return t.isSupported(ChronoField.OFFSET_SECONDS)
                    ? OffsetDateTime.from(t).toInstant()
                    : LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant fromEpoch(BigDecimal epoch) {
        // below 1e11 it is seconds (until the year 5138); above, milliseconds
        BigDecimal seconds =
                epoch.abs().compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0 ? epoch : epoch.movePointLeft(3);
        long whole = seconds.longValue();
        long nanos =
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
