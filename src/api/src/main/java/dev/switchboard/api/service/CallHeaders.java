package dev.switchboard.api.service;

import dev.switchboard.core.gateway.CallInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** Response headers that say how a request was served, and the model name callers see. */
public final class CallHeaders {
    private CallHeaders() {}

    public static Map<String, String> of(CallInfo info) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-switchboard-route", info.route());
        h.put("x-switchboard-target", info.target().toString());
        h.put("x-switchboard-attempts", String.valueOf(info.attempts()));
        if (info.price() != null && info.price().costUsd() != null) {
            h.put("x-switchboard-cost-usd", info.price().costUsd().toPlainString());
        }
        return h;
    }

    /** Provider-prefixed, as the upstream reported it when it did. */
    public static String model(CallInfo info, String reported) {
        return info.target().provider() + "/" + (reported != null && !reported.isBlank() ? reported : info.target().model());
    }
}
