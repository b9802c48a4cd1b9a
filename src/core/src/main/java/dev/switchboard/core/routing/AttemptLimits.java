package dev.switchboard.core.routing;

import dev.switchboard.core.spi.CallOptions;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The limits of one upstream attempt: the call options for the provider (attempt timeout, already cut to the
 * request deadline) and, for streams, when the first event must have arrived.
 */
public record AttemptLimits(CallOptions options, long firstEventByNanos, LongSupplier ticker) {

    /** How long a stream may still wait for its first event (at least 1 ms, so a late caller still polls once). */
    public Duration untilFirstEvent() {
        return Duration.ofNanos(Math.max(1_000_000, firstEventByNanos - ticker.getAsLong()));
    }

    /** The same limits, with the attempt's trace context for the upstream. */
    AttemptLimits traced(java.util.Map<String, String> traceHeaders) {
        return traceHeaders.isEmpty()
                ? this
                : new AttemptLimits(options.withTraceHeaders(traceHeaders), firstEventByNanos, ticker);
    }
}
