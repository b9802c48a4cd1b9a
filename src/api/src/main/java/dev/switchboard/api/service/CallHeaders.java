package dev.switchboard.api.service;

import dev.switchboard.core.gateway.CallInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** Response headers that say how a request was served, and the model name callers see. */
public final class CallHeaders {
    private CallHeaders() {}

    public static Map<String, String> of(CallInfo info) {
        Map<String, String> h = new LinkedHashMap<>();
        putSafe(h, "x-switchboard-route", info.route());
        putSafe(h, "x-switchboard-target", info.target().toString());
        h.put("x-switchboard-attempts", String.valueOf(info.attempts()));
        if (info.price() != null && info.price().costUsd() != null) {
            h.put("x-switchboard-cost-usd", info.price().costUsd().toPlainString());
        }
        return h;
    }

    /**
     * Names reach here checked (RequestLimits.checkModel), yet a header line is where a stray control character
     * hangs or splits a response: a value that is not short printable ASCII is left out, never written.
     */
    private static void putSafe(Map<String, String> h, String name, String value) {
        if (value != null && value.length() <= 512 && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) h.put(name, value);
    }

    /** Provider-prefixed, as the upstream reported it when it did. */
    public static String model(CallInfo info, String reported) {
        return info.target().provider() + "/" + (reported != null && !reported.isBlank() ? reported : info.target().model());
    }
}
