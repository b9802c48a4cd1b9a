package dev.switchboard.core.gateway;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostSink;
import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.cost.PriceRequest;
import dev.switchboard.core.cost.Pricer;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.Usage;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Prices upstream attempts and writes their cost records: the one place a {@link CostRecord} is built from a call. */
public final class CostRecorder {
    private static final System.Logger LOG = System.getLogger(CostRecorder.class.getName());

    private final Pricer pricer;
    private final CostSink sink;
    private final Clock clock;

    public CostRecorder(Pricer pricer, CostSink sink, Clock clock) {
        this.pricer = Objects.requireNonNull(pricer);
        this.sink = Objects.requireNonNull(sink);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * The price of an attempt's usage. Gateway calls are real-time calls: batch rates apply only to work submitted to
     * a provider's batch API. Nothing reported means nothing to price: the cost is null, not a computed zero.
     */
    public PriceQuote price(UpstreamAttempt attempt, String reportedModel, Usage usage) {
        return quote(attempt.target(), attempt.providerType(), reportedModel, usage, false);
    }

    private PriceQuote quote(ModelRef target, String providerType, String reportedModel, Usage usage, boolean batch) {
        PriceQuote quote = pricer.quote(new PriceRequest(
                target, providerType, reportedModel, usage.reported() ? usage : Usage.of(0, 0), batch));
        return usage.reported() ? quote : new PriceQuote(null, quote.priceVersion(), quote.known());
    }

    /** Writes the attempt's cost record; a failing sink is logged, never the caller's failure. */
    public void record(UpstreamAttempt attempt, Usage usage, PriceQuote quote) {
        RequestContext ctx = attempt.ctx();
        emit(new CostRecord(
                clock.instant(),
                ctx.requestId(),
                attempt.number(),
                attempt.route(),
                attempt.target().provider(),
                attempt.target().model(),
                attempt.outcome(),
                attempt.stream(),
                usage.inputTokens(),
                usage.outputTokens(),
                usage.cacheReadTokens(),
                usage.cacheWriteTokens(),
                usage.reasoningTokens(),
                quote.costUsd(),
                quote.priceVersion(),
                quote.pricing(),
                attempt.nanos() / 1_000_000,
                attempt.ttftNanos() == null ? null : attempt.ttftNanos() / 1_000_000,
                ctx.tags(),
                ctx.batchJobId(),
                ctx.trace(),
                ctx.keyId(),
                ctx.tenant(),
                CostRecord.ON_DEMAND,
                null));
    }

    /** A failing sink is logged, never the caller's failure. */
    private void emit(CostRecord record) {
        try {
            sink.emit(record);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cost sink failed for request " + record.requestId(), e);
        }
    }

    /** Prices the attempt and writes its record; returns the price recorded. */
    public PriceQuote account(UpstreamAttempt attempt, String reportedModel, Usage usage) {
        PriceQuote quote = price(attempt, reportedModel, usage);
        record(attempt, usage, quote);
        return quote;
    }

    /**
     * One collected line of a provider's batch job.
     *
     * @param requestId     deterministic per line (the line's output id), so a duplicate record is recognisable
     * @param route         the route the line named, null for a direct provider/model
     * @param target        provider id and the provider's model id the job ran
     * @param outcome       {@link CostRecord#OK} or the line's error kind
     * @param providerJobId the provider's batch job id
     */
    public record BatchLine(
            String requestId,
            String route,
            ModelRef target,
            String providerType,
            String reportedModel,
            String outcome,
            Usage usage,
            List<String> tags,
            String batchJobId,
            String providerJobId) {}

    /**
     * The price of a batch line at the provider's batch rates. An unknown batch rate stays unknown; the on-demand rate
     * is never used instead.
     */
    public PriceQuote priceBatchLine(BatchLine line) {
        Usage usage = line.usage() == null ? Usage.NOT_REPORTED : line.usage();
        return quote(line.target(), line.providerType(), line.reportedModel(), usage, true);
    }

    /**
     * Writes a batch line's record ({@code billing: batch}, no latency: nothing was timed). The caller writes it once
     * per line: after it won the line's create-only checkpoint.
     */
    public void recordBatchLine(BatchLine line, PriceQuote quote) {
        Usage usage = line.usage() == null ? Usage.NOT_REPORTED : line.usage();
        emit(new CostRecord(
                clock.instant(),
                line.requestId(),
                1,
                line.route(),
                line.target().provider(),
                line.target().model(),
                line.outcome(),
                false,
                usage.inputTokens(),
                usage.outputTokens(),
                usage.cacheReadTokens(),
                usage.cacheWriteTokens(),
                usage.reasoningTokens(),
                quote.costUsd(),
                quote.priceVersion(),
                quote.pricing(),
                null,
                null,
                line.tags(),
                line.batchJobId(),
                null,
                null,
                null,
                CostRecord.BATCH,
                line.providerJobId()));
    }
}
