package dev.switchboard.core.cost.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostRecordJson;
import dev.switchboard.core.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * CloudWatch Embedded Metric Format: the canonical record as properties (ids stay out of the dimensions, so
 * cardinality stays low) plus an {@code _aws} directive that turns the token, cost and latency fields into
 * metrics per provider/model/route/outcome and, through the empty dimension set, as totals.
 *
 * @param namespace the CloudWatch namespace the metrics go to
 */
public record EmfFormat(String namespace) implements CostLineFormat {
    public static final String DEFAULT_NAMESPACE = "Switchboard";
    public static final String RECORD_TYPE = "switchboard.cost";
    public static final List<String> DIMENSIONS = List.of("provider", "model", "route", "outcome");
    /** Stands in for a null dimension value: EMF drops the whole directive when a dimension is not a string. */
    public static final String NO_VALUE = "(none)";

    /** One metric: its name and unit, and where its value comes from (null: not reported, left out). */
    public record Metric(String name, String unit, Function<CostRecord, Number> value) {}

    public static final List<Metric> METRICS = List.of(
            new Metric("InputTokens", "Count", CostRecord::inputTokens),
            new Metric("OutputTokens", "Count", CostRecord::outputTokens),
            new Metric("CacheReadTokens", "Count", CostRecord::cacheReadTokens),
            new Metric("CacheWriteTokens", "Count", CostRecord::cacheWriteTokens),
            new Metric("ReasoningTokens", "Count", CostRecord::reasoningTokens),
            new Metric("CostUsd", "None", CostRecord::costUsd),
            new Metric("LatencyMs", "Milliseconds", CostRecord::latencyMs),
            new Metric("TtftMs", "Milliseconds", CostRecord::ttftMs));

    public EmfFormat {
        Objects.requireNonNull(namespace, "namespace");
        if (namespace.isBlank() || namespace.length() > 255) {
            throw new IllegalArgumentException("CloudWatch namespace must be 1-255 characters: '" + namespace + "'");
        }
    }

    public static EmfFormat defaults() {
        return new EmfFormat(DEFAULT_NAMESPACE);
    }

    @Override
    public ObjectNode toJson(CostRecord r) {
        ObjectNode line = Json.object();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", r.timestamp().toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSets = directive.putArray("Dimensions");
        ArrayNode byCall = dimensionSets.addArray();
        DIMENSIONS.forEach(byCall::add);
        dimensionSets.addArray(); // no dimensions: account-wide totals for the daily-cost alarm
        ArrayNode metrics = directive.putArray("Metrics");

        line.put("record_type", RECORD_TYPE);
        line.setAll(CostRecordJson.toJson(r));
        for (String d : DIMENSIONS) {
            if (!line.path(d).isTextual()) line.put(d, NO_VALUE);
        }
        for (Metric m : METRICS) {
            Number v = m.value().apply(r);
            if (v == null) continue; // not reported is not zero: no datapoint at all
            metrics.addObject().put("Name", m.name()).put("Unit", m.unit());
            if (v instanceof BigDecimal d) line.put(m.name(), d);
            else line.put(m.name(), v.longValue());
        }
        return line;
    }
}
