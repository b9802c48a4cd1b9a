package dev.switchboard.batch.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.batch.format.ValidationError;
import dev.switchboard.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch job as OpenAI's {@code Batch} object describes it, plus Switchboard's totals. Immutable; the engine
 * writes a new version at each state change and progress checkpoint ({@code batch.json} of the job).
 *
 * @param endpoint    the url every line must use; null when the lines may mix /v1/chat/completions and /v1/messages
 * @param errors      why validation failed (OpenAI's {@code errors.data[]}); empty otherwise
 * @param inputFileId the input's file id (local server) or key (bucket drop)
 * @param mode        how the job runs, once validation decided it (Switchboard's extra fields {@code mode},
 *                    {@code mode_reason}, {@code provider_batch_id}; SDKs ignore unknown fields); null before
 */
public record BatchObject(
        String id,
        String endpoint,
        String inputFileId,
        String completionWindow,
        BatchStatus status,
        List<ValidationError> errors,
        String outputFileId,
        String errorFileId,
        Timestamps times,
        RequestCounts counts,
        Map<String, String> metadata,
        BatchTotals totals,
        RunMode mode) {

    /**
     * @param mode            "sync" (through the gateway) or "native" (a provider's batch job)
     * @param reason          why this mode (for auto: why not native); null when requested and granted
     * @param providerBatchId the provider's job id once it exists
     */
    public record RunMode(String mode, String reason, String providerBatchId) {
        public static final String SYNC = "sync";
        public static final String NATIVE = "native";

        public boolean isNative() {
            return NATIVE.equals(mode);
        }
    }

    public BatchObject(
            String id,
            String endpoint,
            String inputFileId,
            String completionWindow,
            BatchStatus status,
            List<ValidationError> errors,
            String outputFileId,
            String errorFileId,
            Timestamps times,
            RequestCounts counts,
            Map<String, String> metadata,
            BatchTotals totals) {
        this(
                id,
                endpoint,
                inputFileId,
                completionWindow,
                status,
                errors,
                outputFileId,
                errorFileId,
                times,
                counts,
                metadata,
                totals,
                null);
    }

    public boolean isNative() {
        return mode != null && mode.isNative();
    }

    /**
     * A job whose lines run in a provider's batch job (decided native at validation) and that has not ended: running
     * it submits, polls the provider or collects the results. What scheduled polls and provider events run; a sync job
     * in progress is never taken over from the worker running its lines.
     */
    public boolean waitingOnProvider() {
        return isNative() && !status.terminal();
    }

    public BatchObject withMode(RunMode m) {
        return new BatchObject(
                id,
                endpoint,
                inputFileId,
                completionWindow,
                status,
                errors,
                outputFileId,
                errorFileId,
                times,
                counts,
                metadata,
                totals,
                m);
    }

    public BatchObject {
        errors = errors == null ? List.of() : List.copyOf(errors);
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        counts = counts == null ? RequestCounts.NONE : counts;
        totals = totals == null ? BatchTotals.NONE : totals;
    }

    /** This job in {@code status}, entered at {@code at} (Unix seconds). */
    public BatchObject withStatus(BatchStatus s, long at) {
        return new BatchObject(
                id,
                endpoint,
                inputFileId,
                completionWindow,
                s,
                errors,
                outputFileId,
                errorFileId,
                times.entered(s, at),
                counts,
                metadata,
                totals,
                mode);
    }

    public BatchObject withCounts(RequestCounts c) {
        return new BatchObject(
                id,
                endpoint,
                inputFileId,
                completionWindow,
                status,
                errors,
                outputFileId,
                errorFileId,
                times,
                c,
                metadata,
                totals,
                mode);
    }

    public BatchObject withErrors(List<ValidationError> e) {
        return new BatchObject(
                id,
                endpoint,
                inputFileId,
                completionWindow,
                status,
                e,
                outputFileId,
                errorFileId,
                times,
                counts,
                metadata,
                totals,
                mode);
    }

    public BatchObject withResults(String outputId, String errorId, BatchTotals t) {
        return new BatchObject(
                id,
                endpoint,
                inputFileId,
                completionWindow,
                status,
                errors,
                outputId,
                errorId,
                times,
                counts,
                metadata,
                t,
                mode);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("object", "batch");
        putText(n, "endpoint", endpoint);
        if (errors.isEmpty()) {
            n.putNull("errors");
        } else {
            ObjectNode e = n.putObject("errors");
            e.put("object", "list");
            ArrayNode data = e.putArray("data");
            errors.forEach(err -> data.add(err.toJson()));
        }
        putText(n, "input_file_id", inputFileId);
        putText(n, "completion_window", completionWindow);
        n.put("status", status.wire());
        putText(n, "output_file_id", outputFileId);
        putText(n, "error_file_id", errorFileId);
        n.put("created_at", times.createdAt());
        putTime(n, "in_progress_at", times.inProgressAt());
        putTime(n, "expires_at", times.expiresAt());
        putTime(n, "finalizing_at", times.finalizingAt());
        putTime(n, "completed_at", times.completedAt());
        putTime(n, "failed_at", times.failedAt());
        putTime(n, "expired_at", times.expiredAt());
        putTime(n, "cancelling_at", times.cancellingAt());
        putTime(n, "cancelled_at", times.cancelledAt());
        ObjectNode c = n.putObject("request_counts");
        c.put("total", counts.total());
        c.put("completed", counts.completed());
        c.put("failed", counts.failed());
        ObjectNode m = n.putObject("metadata");
        metadata.forEach(m::put);
        // OpenAI's BatchUsage shape, so SDKs that model it read it
        ObjectNode u = n.putObject("usage");
        u.put("input_tokens", totals.inputTokens());
        u.putObject("input_tokens_details")
                .put("cached_tokens", totals.cachedTokens() == null ? 0 : totals.cachedTokens());
        u.put("output_tokens", totals.outputTokens());
        u.putObject("output_tokens_details")
                .put("reasoning_tokens", totals.reasoningTokens() == null ? 0 : totals.reasoningTokens());
        u.put("total_tokens", totals.inputTokens() + totals.outputTokens());
        if (totals.costUsd() != null) n.put("cost_usd", totals.costUsd());
        else n.putNull("cost_usd");
        putText(n, "price_version", totals.priceVersion());
        if (mode != null) {
            n.put("mode", mode.mode());
            putText(n, "mode_reason", mode.reason());
            putText(n, "provider_batch_id", mode.providerBatchId());
        }
        return n;
    }

    public static BatchObject fromJson(JsonNode n) {
        List<ValidationError> errors = new ArrayList<>();
        JsonNode e = Json.at(n, "errors", "data");
        if (e != null) e.forEach(x -> errors.add(ValidationError.fromJson(x)));
        Timestamps t = new Timestamps(
                n.get("created_at").asLong(),
                time(n, "in_progress_at"),
                time(n, "expires_at"),
                time(n, "finalizing_at"),
                time(n, "completed_at"),
                time(n, "failed_at"),
                time(n, "expired_at"),
                time(n, "cancelling_at"),
                time(n, "cancelled_at"));
        JsonNode c = n.get("request_counts");
        RequestCounts counts = new RequestCounts(
                c.get("total").asInt(),
                c.get("completed").asInt(),
                c.get("failed").asInt());
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode m = n.get("metadata");
        if (m != null && m.isObject())
            m.fields()
                    .forEachRemaining(f -> metadata.put(f.getKey(), f.getValue().asText()));
        JsonNode u = n.get("usage");
        BatchTotals totals = new BatchTotals(
                Json.longAt(u, "input_tokens") == null ? 0 : Json.longAt(u, "input_tokens"),
                Json.longAt(u, "output_tokens") == null ? 0 : Json.longAt(u, "output_tokens"),
                Json.longAt(u, "input_tokens_details", "cached_tokens"),
                Json.longAt(u, "output_tokens_details", "reasoning_tokens"),
                n.hasNonNull("cost_usd") ? n.get("cost_usd").decimalValue() : null,
                Json.text(n, "price_version"));
        return new BatchObject(
                Json.text(n, "id"),
                Json.text(n, "endpoint"),
                Json.text(n, "input_file_id"),
                Json.text(n, "completion_window"),
                BatchStatus.fromWire(Json.text(n, "status")),
                errors,
                Json.text(n, "output_file_id"),
                Json.text(n, "error_file_id"),
                t,
                counts,
                metadata,
                totals,
                Json.text(n, "mode") == null
                        ? null
                        : new RunMode(
                                Json.text(n, "mode"), Json.text(n, "mode_reason"), Json.text(n, "provider_batch_id")));
    }

    public byte[] toBytes() {
        return Json.bytes(toJson());
    }

    public static BatchObject fromBytes(byte[] b) {
        return fromJson(Json.parse(b));
    }

    private static Long time(JsonNode n, String field) {
        return Json.longOrNull(n, field);
    }

    private static void putText(ObjectNode n, String field, String v) {
        if (v == null) n.putNull(field);
        else n.put(field, v);
    }

    private static void putTime(ObjectNode n, String field, Long v) {
        if (v == null) n.putNull(field);
        else n.put(field, v);
    }
}
