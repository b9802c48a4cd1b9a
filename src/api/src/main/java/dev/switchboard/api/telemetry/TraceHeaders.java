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
    private TraceHeaders() {}

    static Map<String, String> of(Span span) {
        if (!span.getSpanContext().isValid()) return Map.of();
        Map<String, String> headers = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), headers, Map::put);
        return headers;
    }

    /**
     * The current span as a W3C traceparent value; null when there is none (telemetry off) or it is not sampled (its
     * trace is exported nowhere, so a record should not point at it).
     */
    public static String currentTraceparent() {
        SpanContext c = Span.current().getSpanContext();
        if (!c.isValid() || !c.isSampled()) return null;
        return "00-" + c.getTraceId() + "-" + c.getSpanId() + "-"
                + c.getTraceFlags().asHex();
    }
}
