package dev.switchboard.core.cost.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.TraceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Records for the format and sink tests: one with everything reported, one with nothing reported. */
public final class CostRecordSamples {
    public static final Instant AT = Instant.parse("2025-05-01T10:00:00.123456Z");
    public static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736/123;o=1";

    private CostRecordSamples() {}

    public static CostRecord full() {
        return new CostRecord(
                AT,
                "req_1",
                2,
                "chat",
                "openai",
                "gpt-4o",
                "ok",
                true,
                1000L,
                200L,
                100L,
                50L,
                30L,
                new BigDecimal("0.00000015"),
                "2025-05",
                "known",
                812L,
                210L,
                List.of("team-a", "batch-x"),
                "job-7",
                TRACE,
                null,
                null,
                CostRecord.ON_DEMAND,
                null);
    }

    /** An error attempt: no usage, no cost, no first token. */
    public static CostRecord unreported() {
        return new CostRecord(
                AT,
                "req_2",
                1,
                "chat",
                "anthropic",
                "claude-sonnet-4",
                "rate_limited",
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                "2025-05",
                "unknown",
                120L,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                CostRecord.ON_DEMAND,
                null);
    }

    /** A line of a provider's batch job: batch billing, the provider's job id, no latency. */
    public static CostRecord batchLine() {
        return new CostRecord(
                AT,
                "batch_req_0123456789abcdef0123456789abcdef",
                1,
                null,
                "openai",
                "gpt-4o-mini",
                "ok",
                false,
                1000L,
                200L,
                null,
                null,
                null,
                new BigDecimal("0.000195"),
                "2025-05",
                "known",
                null,
                null,
                List.of(),
                "batch_abc",
                null,
                null,
                null,
                CostRecord.BATCH,
                "batch_provider_123");
    }

    public static CostRecord withRequestId(String id) {
        CostRecord r = full();
        return new CostRecord(
                r.timestamp(),
                id,
                r.attempt(),
                r.route(),
                r.provider(),
                r.model(),
                r.outcome(),
                r.stream(),
                r.inputTokens(),
                r.outputTokens(),
                r.cacheReadTokens(),
                r.cacheWriteTokens(),
                r.reasoningTokens(),
                r.costUsd(),
                r.priceVersion(),
                r.pricing(),
                r.latencyMs(),
                r.ttftMs(),
                r.tags(),
                r.batchJobId(),
                r.trace(),
                null,
                null,
                CostRecord.ON_DEMAND,
                null);
    }

    /** JSON equality where 1000 as an int and 1000 as a long (or 1.5E-7 and 0.00000015) are the same number. */
    public static boolean sameJson(JsonNode a, JsonNode b) {
        Comparator<JsonNode> numeric = (x, y) ->
                x.equals(y) || x.isNumber() && y.isNumber() && x.decimalValue().compareTo(y.decimalValue()) == 0
                        ? 0
                        : 1;
        return a.equals(numeric, b);
    }

    /** The record as it comes back from JSON: the trace reduced to its trace id, which is all the canonical form carries. */
    public static CostRecord asReadBack(CostRecord r) {
        TraceContext trace = TraceContext.parse(r.trace());
        return with(r, trace == null ? null : trace.traceId(), r.keyId(), r.tenant());
    }

    /** {@code r} with another trace and gateway-key attribution, every other field kept. */
    public static CostRecord with(CostRecord r, String trace, String keyId, String tenant) {
        return new CostRecord(
                r.timestamp(),
                r.requestId(),
                r.attempt(),
                r.route(),
                r.provider(),
                r.model(),
                r.outcome(),
                r.stream(),
                r.inputTokens(),
                r.outputTokens(),
                r.cacheReadTokens(),
                r.cacheWriteTokens(),
                r.reasoningTokens(),
                r.costUsd(),
                r.priceVersion(),
                r.pricing(),
                r.latencyMs(),
                r.ttftMs(),
                r.tags(),
                r.batchJobId(),
                trace,
                keyId,
                tenant,
                r.billing(),
                r.providerJobId());
    }
}
