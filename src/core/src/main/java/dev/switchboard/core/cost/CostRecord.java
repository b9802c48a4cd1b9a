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
 * @param trace        the trace the attempt belongs to: a W3C traceparent of its span when traced, else the caller's
 *                     X-Cloud-Trace-Context or traceparent; written as {@code trace_id}
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
        String trace) {

    public static final String OK = "ok";

    public CostRecord {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public boolean ok() {
        return OK.equals(outcome);
    }
}
