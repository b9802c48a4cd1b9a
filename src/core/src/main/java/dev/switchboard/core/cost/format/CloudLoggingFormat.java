package dev.switchboard.core.cost.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostRecordJson;
import dev.switchboard.core.cost.TraceContext;
import dev.switchboard.core.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Google Cloud Logging structured JSON as read from stdout by Cloud Run / Cloud Functions: the special
 * {@code severity}, {@code time} and {@code logging.googleapis.com/*} keys become LogEntry fields, everything
 * else (the canonical record) becomes {@code jsonPayload}.
 *
 * @param projectId the project for the trace resource name; null leaves trace, span and sampling out, since a
 *                  bare trace id would not link to Cloud Trace
 */
public record CloudLoggingFormat(String projectId) implements CostLineFormat {
    public static final String MESSAGE = "switchboard cost record";
    public static final String LABELS = "logging.googleapis.com/labels";
    public static final String TRACE = "logging.googleapis.com/trace";
    public static final String SPAN_ID = "logging.googleapis.com/spanId";
    public static final String TRACE_SAMPLED = "logging.googleapis.com/trace_sampled";
    public static final String RECORD_LABEL = "switchboard_record";
    public static final List<String> LABEL_KEYS = List.of("provider", "model", "route", "outcome");
    /** Project variables in the order the Google runtimes and client libraries look at them. */
    private static final List<String> PROJECT_VARIABLES =
            List.of("GOOGLE_CLOUD_PROJECT", "GCP_PROJECT", "GCLOUD_PROJECT");

    public CloudLoggingFormat {
        if (projectId != null && projectId.isBlank()) projectId = null;
    }

    public static CloudLoggingFormat fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static CloudLoggingFormat fromEnvironment(Map<String, String> env) {
        for (String name : PROJECT_VARIABLES) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) return new CloudLoggingFormat(v.strip());
        }
        return new CloudLoggingFormat(null);
    }

    @Override
    public ObjectNode toJson(CostRecord r) {
        ObjectNode line = Json.object();
        line.put("severity", r.ok() ? "INFO" : "WARNING");
        line.put("message", MESSAGE);
        line.put("time", r.timestamp().toString());
        ObjectNode labels = line.putObject(LABELS);
        labels.put(RECORD_LABEL, "cost");
        // label values must be strings; a missing value is left out rather than written as "null"
        putIfPresent(labels, "provider", r.provider());
        putIfPresent(labels, "model", r.model());
        putIfPresent(labels, "route", r.route());
        putIfPresent(labels, "outcome", r.outcome());
        TraceContext trace = TraceContext.parse(r.trace());
        if (trace != null && projectId != null) {
            line.put(TRACE, "projects/" + projectId + "/traces/" + trace.traceId());
            if (trace.spanId() != null) line.put(SPAN_ID, trace.spanId());
            if (trace.sampled() != null) line.put(TRACE_SAMPLED, trace.sampled());
        }
        line.setAll(CostRecordJson.toJson(r));
        return line;
    }

    private static void putIfPresent(ObjectNode o, String key, String value) {
        if (value != null) o.put(key, value);
    }
}
