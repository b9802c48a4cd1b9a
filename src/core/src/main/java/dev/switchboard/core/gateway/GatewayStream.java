package dev.switchboard.core.gateway;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.ResponseAccumulator;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.routing.CircuitBreaker;
import dev.switchboard.core.spi.ChatStream;
import java.util.function.LongSupplier;

/**
 * A streamed answer the gateway has opened: the upstream already produced its first event (so the caller can
 * still be given a proper error status until then). Pull with {@link #next()}; the cost record of the attempt is
 * written exactly once: at the end of the stream, on an upstream error, or on {@link #close()} if the caller
 * went away first — with the usage seen so far. The target's circuit hears the verdict at the same moment: a
 * stream that breaks after its first event is a failed call, one the caller abandons is no verdict.
 */
public final class GatewayStream implements AutoCloseable {

    /** What the gateway needs to hear when the stream is over: outcome, usage, time to first token. */
    interface Finisher {
        PriceQuote finish(String outcome, String reportedModel, Usage usage, FinishReason finishReason, Long ttftNanos);
    }

    private final ChatStream upstream;
    private final CircuitBreaker.Permit permit;
    private final CallInfo info;
    private final Finisher finisher;
    private final long attemptStart;
    private final LongSupplier ticker;
    private final ResponseAccumulator accumulated = new ResponseAccumulator();
    private StreamEvent pending;
    private Long ttftNanos;
    private PriceQuote quote;
    private Long deadlineNanos;
    private java.time.Duration idle;

    /**
     * Ends the stream with a {@link dev.switchboard.core.error.Timeout} (recorded like any upstream failure) once
     * the ticker passes {@code deadlineNanos}, so a platform that kills the process at its own timeout never
     * finds the attempt unrecorded. Between events the wait stays bounded by {@code idle} too.
     */
    GatewayStream deadline(long deadlineNanos, java.time.Duration idle) {
        this.deadlineNanos = deadlineNanos;
        this.idle = idle;
        return this;
    }

    GatewayStream(
            ChatStream upstream,
            StreamEvent first,
            CallInfo info,
            long attemptStart,
            LongSupplier ticker,
            CircuitBreaker.Permit permit,
            Finisher finisher) {
        this.upstream = upstream;
        this.permit = permit;
        this.pending = first;
        this.info = info;
        this.attemptStart = attemptStart;
        this.ticker = ticker;
        this.finisher = finisher;
        if (first != null) observe(first);
    }

    public CallInfo info() {
        return info;
    }

    /** The next event; null at the end. An upstream failure is recorded and rethrown. */
    public StreamEvent next() {
        if (pending != null) {
            StreamEvent e = pending;
            pending = null;
            return e;
        }
        if (quote != null) return null;
        StreamEvent e;
        try {
            e = deadlineNanos == null ? upstream.next() : upstream.next(untilDeadline());
        } catch (SwitchboardException ex) {
            finish(ex.kind(), ex);
            throw ex;
        } catch (RuntimeException ex) {
            finish(
                    "internal_error",
                    new UpstreamError(
                            ErrorInfo.of("the stream failed unexpectedly").withCode("internal_error"), false, ex));
            throw ex;
        }
        if (e == null) {
            finish(CostRecord.OK, null);
            return null;
        }
        observe(e);
        return e;
    }

    /** The price of this attempt; null until the stream is over. */
    public PriceQuote quote() {
        return quote;
    }

    public Usage usage() {
        return accumulated.usage();
    }

    /** Everything received so far, folded into one response. */
    public ResponseAccumulator accumulated() {
        return accumulated;
    }

    @Override
    public void close() {
        if (quote == null) finish("client_cancelled", null);
        upstream.close();
    }

    private java.time.Duration untilDeadline() {
        long left = deadlineNanos - ticker.getAsLong();
        if (left <= 0) {
            throw new dev.switchboard.core.error.Timeout(
                    ErrorInfo.of("The request deadline passed while the answer " + "was streaming.")
                            .withCode("deadline_exceeded"));
        }
        java.time.Duration remaining = java.time.Duration.ofNanos(left);
        return remaining.compareTo(idle) < 0 ? remaining : idle;
    }

    private void observe(StreamEvent e) {
        accumulated.accept(e);
        if (ttftNanos == null
                && (e instanceof StreamEvent.TextDelta
                        || e instanceof StreamEvent.ReasoningDelta
                        || e instanceof StreamEvent.ToolCallStarted)) {
            ttftNanos = ticker.getAsLong() - attemptStart;
        }
    }

    /** @param error what broke the stream; null when it ended or the caller went away */
    private void finish(String outcome, SwitchboardException error) {
        if (quote != null) return;
        if (error != null) permit.settle(error);
        else if (outcome.equals(CostRecord.OK)) permit.settle(null);
        else permit.release();
        quote = finisher.finish(
                outcome, accumulated.model(), accumulated.usage(), accumulated.finishReason(), ttftNanos);
    }
}
