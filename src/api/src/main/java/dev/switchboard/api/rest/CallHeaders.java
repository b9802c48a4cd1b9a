package dev.switchboard.api.rest;

import dev.switchboard.core.gateway.CallInfo;
import jakarta.ws.rs.core.Response;

/** Response headers that say how a request was served. */
final class CallHeaders {
    private CallHeaders() {}

    static Response.ResponseBuilder apply(Response.ResponseBuilder b, CallInfo info) {
        b.header("x-switchboard-route", info.route());
        b.header("x-switchboard-target", info.target().toString());
        b.header("x-switchboard-attempts", info.attempts());
        if (info.price() != null && info.price().costUsd() != null) {
            b.header("x-switchboard-cost-usd", info.price().costUsd().toPlainString());
        }
        return b;
    }

    /** The model name callers see: provider-prefixed, as the upstream reported it when it did. */
    static String model(CallInfo info, String reported) {
        return info.target().provider() + "/" + (reported != null && !reported.isBlank() ? reported : info.target().model());
    }
}
