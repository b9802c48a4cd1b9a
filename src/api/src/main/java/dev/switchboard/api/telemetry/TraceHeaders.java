package dev.switchboard.api.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C trace context of a span as headers for an upstream call. Only {@code traceparent}/{@code tracestate}: the
 * caller's baggage (and vendor headers such as X-Ray's) stays inside, since upstreams are third parties.
 */
public final class TraceHeaders {
    static final String TRACEPARENT = "traceparent";

    private TraceHeaders() {}

    static Map<String, String> of(Span span) {
        SpanContext c = span.getSpanContext();
        if (!c.isValid()) return Map.of();
        // the common case written directly: an immutable one-entry map, which CallOptions keeps without a copy
        if (c.getTraceState().isEmpty()) return Map.of(TRACEPARENT, traceparent(c));
        Map<String, String> headers = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), headers, Map::put);
        return Map.copyOf(headers);
    }

    /**
     * The current span as a W3C traceparent value; null when there is none (telemetry off) or it is not sampled (its
     * trace is exported nowhere, so a record should not point at it).
     */
    public static String currentTraceparent() {
        SpanContext c = Span.current().getSpanContext();
        if (!c.isValid() || !c.isSampled()) return null;
        return traceparent(c);
    }

    /** As W3CTraceContextPropagator writes it: version 00, trace id, span id, flags. */
    private static String traceparent(SpanContext c) {
        return "00-" + c.getTraceId() + "-" + c.getSpanId() + "-"
                + c.getTraceFlags().asHex();
    }
}
