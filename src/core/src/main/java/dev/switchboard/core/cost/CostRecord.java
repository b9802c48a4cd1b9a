package dev.switchboard.core.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One upstream attempt, accounted for. Fixed keys; never prompts, completions or keys.
 *
 * @param outcome      "ok" or the error kind (rate_limited, timeout, ...)
 * @param costUsd      null when the price is unknown ({@code pricing} then says "unknown") or nothing was reported
 * @param pricing      "known" or "unknown"
 * @param latencyMs    the attempt's duration; null where there was no call to time (a line of a provider's batch job)
 * @param ttftMs       time to first token, streams only
 * @param trace        the trace the attempt belongs to: a W3C traceparent of its span when traced, else the caller's
 *                     X-Cloud-Trace-Context or traceparent; written as {@code trace_id}
 * @param keyId        the gateway key's id (never the key), null without gateway keys
 * @param tenant       that key's tenant
 * @param billing      {@link #ON_DEMAND} (a real-time call) or {@link #BATCH} (a line of a provider's batch job, priced
 *                     at batch rates)
 * @param providerJobId the provider's batch job id (batch lines only), written as {@code provider_job_id}
 */
public record CostRecord(
        Instant timestamp,
        String requestId,
        int attempt,
        String route,
        String provider,
        String model,
        String outcome,
        boolean stream,
        Long inputTokens,
        Long outputTokens,
        Long cacheReadTokens,
        Long cacheWriteTokens,
        Long reasoningTokens,
        BigDecimal costUsd,
        String priceVersion,
        String pricing,
        Long latencyMs,
        Long ttftMs,
        List<String> tags,
        String batchJobId,
        String trace,
        String keyId,
        String tenant,
        String billing,
        String providerJobId) {

    public static final String OK = "ok";
    public static final String ON_DEMAND = "on_demand";
    public static final String BATCH = "batch";

    public CostRecord {
        // bounded whatever reached here, so every line stays far under 8 KB (CostLineBounds)
        requestId = CostLineBounds.text(requestId, CostLineBounds.MAX_ID_BYTES);
        route = CostLineBounds.text(route, CostLineBounds.MAX_NAME_BYTES);
        provider = CostLineBounds.text(provider, CostLineBounds.MAX_SHORT_BYTES);
        model = CostLineBounds.text(model, CostLineBounds.MAX_NAME_BYTES);
        outcome = CostLineBounds.text(outcome, CostLineBounds.MAX_SHORT_BYTES);
        priceVersion = CostLineBounds.text(priceVersion, CostLineBounds.MAX_ID_BYTES);
        batchJobId = CostLineBounds.text(batchJobId, CostLineBounds.MAX_ID_BYTES);
        trace = CostLineBounds.text(trace, CostLineBounds.MAX_NAME_BYTES);
        keyId = CostLineBounds.text(keyId, CostLineBounds.MAX_ID_BYTES);
        tenant = CostLineBounds.text(tenant, CostLineBounds.MAX_NAME_BYTES);
        tags = CostLineBounds.tags(tags);
        billing = BATCH.equals(billing) ? BATCH : ON_DEMAND;
        providerJobId = CostLineBounds.text(providerJobId, CostLineBounds.MAX_NAME_BYTES);
    }

    public boolean ok() {
        return OK.equals(outcome);
    }
}
