package dev.switchboard.api.http;

import io.vertx.ext.web.RoutingContext;

/** Reads {@link RequestMeta} off a Vert.x request (local server, Lambda and Cloud Functions bridges). */
public final class Requests {
    private Requests() {}

    public static RequestMeta meta(RoutingContext rc) {
        return new RequestMeta(GatewayHeaders.requestId(rc), GatewayHeaders.startNanos(rc),
                rc.request().getHeader(RequestMeta.TAGS), rc.request().getHeader("x-cloud-trace-context"),
                RequestMeta.credential(rc.request().getHeader("authorization"), rc.request().getHeader("x-api-key")));
    }
}
