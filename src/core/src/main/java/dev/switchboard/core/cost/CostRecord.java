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
 * @param ttftMs       time to first token, streams only
 * @param trace        the caller's trace context (e.g. X-Cloud-Trace-Context), if any
 * @param keyId        the gateway key's id (never the key), null without gateway keys
 * @param tenant       that key's tenant
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
        long latencyMs,
        Long ttftMs,
        List<String> tags,
        String batchJobId,
        String trace,
        String keyId,
        String tenant) {

    public static final String OK = "ok";

    public CostRecord {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A record without gateway-key attribution. */
    public CostRecord(Instant timestamp, String requestId, int attempt, String route, String provider, String model,
                      String outcome, boolean stream, Long inputTokens, Long outputTokens, Long cacheReadTokens,
                      Long cacheWriteTokens, Long reasoningTokens, BigDecimal costUsd, String priceVersion,
                      String pricing, long latencyMs, Long ttftMs, List<String> tags, String batchJobId, String trace) {
        this(timestamp, requestId, attempt, route, provider, model, outcome, stream, inputTokens, outputTokens,
                cacheReadTokens, cacheWriteTokens, reasoningTokens, costUsd, priceVersion, pricing, latencyMs, ttftMs,
                tags, batchJobId, trace, null, null);
    }

    public boolean ok() {
        return OK.equals(outcome);
    }
}
