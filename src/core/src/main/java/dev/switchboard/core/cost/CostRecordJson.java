package dev.switchboard.core.cost;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a cost record: the same snake_case keys, always all present (null when unknown), in every
 * sink and in every file the usage report reads.
 */
public final class CostRecordJson {
    public static final List<String> KEYS = List.of(
            "timestamp",
            "request_id",
            "attempt",
            "route",
            "provider",
            "model",
            "outcome",
            "stream",
            "input_tokens",
            "output_tokens",
            "cache_read_tokens",
            "cache_write_tokens",
            "reasoning_tokens",
            "cost_usd",
            "price_version",
            "pricing",
            "latency_ms",
            "ttft_ms",
            "tags",
            "batch_job_id",
            "key_id",
            "tenant",
            "trace_id",
            "billing",
            "provider_job_id");

    private CostRecordJson() {}

    /** The record as a JSON tree (the EMF and Cloud Logging lines embed it): {@link #write}'s object, key for key. */
    public static ObjectNode toJson(CostRecord r) {
        return (ObjectNode) Json.tree(g -> write(g, r));
    }

    /**
     * The record's JSON object, streamed to {@code g} without building a tree: the JSONL sink writes one per upstream
     * attempt. The same snake_case keys, always all present (null when unknown), in this order ({@link #KEYS}).
     */
    public static void write(JsonGenerator g, CostRecord r) throws IOException {
        g.writeStartObject();
        g.writeStringField("timestamp", timestamp(r.timestamp()));
        g.writeStringField("request_id", r.requestId());
        g.writeNumberField("attempt", r.attempt());
        g.writeStringField("route", r.route());
        g.writeStringField("provider", r.provider());
        g.writeStringField("model", r.model());
        g.writeStringField("outcome", r.outcome());
        g.writeBooleanField("stream", r.stream());
        writeLong(g, "input_tokens", r.inputTokens());
        writeLong(g, "output_tokens", r.outputTokens());
        writeLong(g, "cache_read_tokens", r.cacheReadTokens());
        writeLong(g, "cache_write_tokens", r.cacheWriteTokens());
        writeLong(g, "reasoning_tokens", r.reasoningTokens());
        g.writeFieldName("cost_usd");
        if (r.costUsd() != null) g.writeNumber(r.costUsd());
        else g.writeNull();
        g.writeStringField("price_version", r.priceVersion());
        g.writeStringField("pricing", r.pricing());
        writeLong(g, "latency_ms", r.latencyMs());
        writeLong(g, "ttft_ms", r.ttftMs());
        g.writeArrayFieldStart("tags");
        for (String t : r.tags()) g.writeString(t);
        g.writeEndArray();
        g.writeStringField("batch_job_id", r.batchJobId());
        g.writeStringField("key_id", r.keyId());
        g.writeStringField("tenant", r.tenant());
        TraceContext trace = r.trace() == null ? null : TraceContext.parse(r.trace());
        g.writeStringField("trace_id", trace == null ? null : trace.traceId());
        g.writeStringField("billing", r.billing());
        g.writeStringField("provider_job_id", r.providerJobId());
        g.writeEndObject();
    }

    private static final long YEAR_10000 = 253_402_300_800L;

    /**
     * {@code t.toString()} (ISO-8601, fraction in groups of three digits as needed) without the DateTimeFormatter,
     * for the years 1970-9999; any other instant goes through toString (CostRecordJsonTest compares the two).
     */
    static String timestamp(Instant t) {
        long sec = t.getEpochSecond();
        if (sec < 0 || sec >= YEAR_10000) return t.toString();
        LocalDateTime d = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(30);
        sb.append(d.getYear()).append('-');
        two(sb, d.getMonthValue()).append('-');
        two(sb, d.getDayOfMonth()).append('T');
        two(sb, d.getHour()).append(':');
        two(sb, d.getMinute()).append(':');
        two(sb, d.getSecond());
        int nano = t.getNano();
        if (nano != 0) {
            int digits;
            int value;
            if (nano % 1_000_000 == 0) {
                digits = 3;
                value = nano / 1_000_000;
            } else if (nano % 1_000 == 0) {
                digits = 6;
                value = nano / 1_000;
            } else {
                digits = 9;
                value = nano;
            }
            String v = Integer.toString(value);
            sb.append('.');
            for (int i = v.length(); i < digits; i++) sb.append('0');
            sb.append(v);
        }
        return sb.append('Z').toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) sb.append('0');
        return sb.append(v);
    }

    private static void writeLong(JsonGenerator g, String key, Long v) throws IOException {
        g.writeFieldName(key);
        if (v != null) g.writeNumber(v.longValue());
        else g.writeNull();
    }

    /** Reads a record back; throws IllegalArgumentException when a required key is missing or mistyped. */
    public static CostRecord fromJson(JsonNode o) {
        if (o == null || !o.isObject()) throw new IllegalArgumentException("not a JSON object");
        String ts = required(o, "timestamp");
        List<String> tags = new ArrayList<>();
        o.path("tags").forEach(t -> tags.add(t.asText()));
        JsonNode cost = o.get("cost_usd");
        return new CostRecord(
                Instant.parse(ts),
                required(o, "request_id"),
                o.path("attempt").asInt(1),
                Json.text(o, "route"),
                required(o, "provider"),
                required(o, "model"),
                required(o, "outcome"),
                o.path("stream").asBoolean(false),
                Json.longOrNull(o, "input_tokens"),
                Json.longOrNull(o, "output_tokens"),
                Json.longOrNull(o, "cache_read_tokens"),
                Json.longOrNull(o, "cache_write_tokens"),
                Json.longOrNull(o, "reasoning_tokens"),
                cost == null || cost.isNull() ? null : new BigDecimal(cost.asText()),
                Json.text(o, "price_version"),
                Json.text(o, "pricing"),
                Json.longOrNull(o, "latency_ms"),
                Json.longOrNull(o, "ttft_ms"),
                tags,
                Json.text(o, "batch_job_id"),
                Json.text(o, "trace_id"),
                Json.text(o, "key_id"),
                Json.text(o, "tenant"),
                // records written before batch billing existed are on-demand calls
                Json.text(o, "billing"),
                Json.text(o, "provider_job_id"));
    }

    private static String required(JsonNode o, String key) {
        String v = Json.text(o, key);
        if (v == null) throw new IllegalArgumentException("missing or non-text key '" + key + "'");
        return v;
    }
}
