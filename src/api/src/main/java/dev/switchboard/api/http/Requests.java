package dev.switchboard.api.http;

import dev.switchboard.api.service.RequestMeta;
import dev.switchboard.api.service.CallHeaders;
import io.vertx.ext.web.RoutingContext;

/** Reads {@link RequestMeta} off a Vert.x request (local server, Lambda and Cloud Functions bridges). */
public final class Requests {
    private Requests() {}

    public static RequestMeta meta(RoutingContext rc) {
        return new RequestMeta(GatewayRequestFilter.requestId(rc), GatewayRequestFilter.startNanos(rc),
                rc.request().getHeader(CallHeaders.TAGS), rc.request().getHeader(CallHeaders.TRACE),
                rc.request().getHeader("content-type"),
                RequestMeta.credential(rc.request().getHeader("authorization"), rc.request().getHeader("x-api-key")));
    }
}
