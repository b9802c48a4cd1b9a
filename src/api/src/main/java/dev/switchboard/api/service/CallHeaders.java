package dev.switchboard.api.service;

import dev.switchboard.core.frontend.RequestLimits;
import dev.switchboard.core.gateway.CallInfo;
import dev.switchboard.core.gateway.RequestContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The gateway's own HTTP headers, for every runtime: their names, the request-id rule, and the response headers
 * that say how a request was served.
 */
public final class CallHeaders {
    /** The caller's request id, kept when safe to echo; answered on every response. */
    public static final String REQUEST_ID = "x-request-id";
    /** Time spent in the gateway itself: elapsed time minus time waiting on upstreams. */
    public static final String OVERHEAD = "x-switchboard-overhead-ms";
    /** Cost-attribution tags, comma-separated. */
    public static final String TAGS = "x-switchboard-tags";
    /** Trace context put on cost records. */
    public static final String TRACE = "x-cloud-trace-context";

    public static final String ROUTE = "x-switchboard-route";
    public static final String TARGET = "x-switchboard-target";
    public static final String ATTEMPTS = "x-switchboard-attempts";
    public static final String COST_USD = "x-switchboard-cost-usd";
    public static final String RETRY_AFTER = "retry-after";

    public static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + RequestLimits.MAX_REQUEST_ID + "}");

    private CallHeaders() {}

    public static Map<String, String> of(CallInfo info) {
        Map<String, String> h = new LinkedHashMap<>();
        putSafe(h, ROUTE, info.route());
        putSafe(h, TARGET, info.target().toString());
        h.put(ATTEMPTS, String.valueOf(info.attempts()));
        if (info.price() != null && info.price().costUsd() != null) {
            h.put(COST_USD, info.price().costUsd().toPlainString());
        }
        return h;
    }

    /**
     * Names reach here checked (RequestLimits.checkModel), yet a header line is where a stray control character
     * hangs or splits a response: a value that is not short printable ASCII is left out, never written.
     */
    private static void putSafe(Map<String, String> h, String name, String value) {
        if (value != null && value.length() <= 512 && printableAscii(value)) h.put(name, value);
    }

    private static boolean printableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f) return false;
        }
        return true;
    }

    /** The caller's {@code x-request-id} when it is safe to log and echo (short, plain characters), else a new one. */
    public static String requestId(String incoming) {
        return incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : RequestContext.newRequestId();
    }

    /** The {@code x-switchboard-overhead-ms} value: milliseconds since {@code startNanos} not spent on upstreams. */
    public static String overhead(long startNanos, long upstreamNanos) {
        return millis3(Math.max(0, System.nanoTime() - startNanos - upstreamNanos));
    }

    /**
     * {@code String.format(Locale.ROOT, "%.3f", nanos / 1e6)} without a Formatter (one per response was 2% of a
     * request's CPU): microseconds rounded half up, as the format rounds the decimal digits of the double, which for
     * any duration under 100 days are exactly those of nanos / 10^6 (CallHeadersTest compares the two).
     */
    static String millis3(long nanos) {
        long micros = (nanos + 500) / 1000;
        long frac = micros % 1000;
        StringBuilder sb = new StringBuilder(12).append(micros / 1000).append('.');
        if (frac < 100) sb.append('0');
        if (frac < 10) sb.append('0');
        return sb.append(frac).toString();
    }

    /** Provider-prefixed, as the upstream reported it when it did. */
    public static String model(CallInfo info, String reported) {
        return info.target().provider() + "/"
                + (reported != null && !reported.isBlank()
                        ? reported
                        : info.target().model());
    }
}
