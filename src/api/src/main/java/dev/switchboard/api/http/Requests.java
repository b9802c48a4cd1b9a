package dev.switchboard.api.http;

import dev.switchboard.api.service.CallHeaders;
import dev.switchboard.api.service.RequestMeta;
import dev.switchboard.api.telemetry.TraceHeaders;
import io.vertx.ext.web.RoutingContext;

/** Reads {@link RequestMeta} off a Vert.x request (local server, Lambda and Cloud Functions bridges). */
public final class Requests {
    private Requests() {}

    public static RequestMeta meta(RoutingContext rc) {
        return new RequestMeta(
                GatewayRequestFilter.requestId(rc),
                GatewayRequestFilter.startNanos(rc),
                rc.request().getHeader(CallHeaders.TAGS),
                trace(rc),
                rc.request().getHeader("content-type"),
                RequestMeta.credential(
                        rc.request().getHeader("authorization"), rc.request().getHeader("x-api-key")));
    }

    /**
     * The trace for the cost records: the request's span when traced (its trace continues the caller's traceparent,
     * or X-Ray header on AWS; Google's front ends send traceparent with the X-Cloud-Trace-Context trace id), else the
     * caller's X-Cloud-Trace-Context or traceparent as sent.
     */
    private static String trace(RoutingContext rc) {
        String span = TraceHeaders.currentTraceparent();
        if (span != null) return span;
        String cloud = rc.request().getHeader(CallHeaders.TRACE);
        return cloud != null ? cloud : rc.request().getHeader("traceparent");
    }
}
