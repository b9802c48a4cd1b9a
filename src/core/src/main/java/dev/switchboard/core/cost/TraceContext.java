package dev.switchboard.core.cost;

import java.util.Locale;

/**
 * A caller's trace context as Cloud Logging wants it.
 *
 * @param traceId  32 lowercase hex characters
 * @param spanId   16 lowercase hex characters (Cloud Logging's spanId format), or null
 * @param sampled  the caller's sampling decision, or null when it did not say
 */
public record TraceContext(String traceId, String spanId, Boolean sampled) {
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final int W3C_LENGTH = 55;

    /**
     * Parses an X-Cloud-Trace-Context ({@code TRACE_ID[/SPAN_ID][;o=0|1]}, the span in decimal) or W3C traceparent
     * ({@code VERSION-TRACE_ID-SPAN_ID-FLAGS}, in hex) value; null when absent or malformed, because a bad header from
     * a caller must never cost us the record. Every cost record of a traced request is written through here, so it
     * reads the characters itself (the two regular expressions it replaces were ~1 % of a request's CPU,
     * bench/NOTES.md 15); {@code TraceContextTest} holds them and checks both agree.
     */
    public static TraceContext parse(String header) {
        if (header == null || header.isBlank()) return null;
        String h = header.strip();
        int n = h.length();
        if (n >= 32 && hex(h, 0, 32)) return cloud(h, n);
        if (n == W3C_LENGTH
                && hex(h, 0, 2)
                && h.charAt(2) == '-'
                && hex(h, 3, 35)
                && h.charAt(35) == '-'
                && hex(h, 36, 52)
                && h.charAt(52) == '-'
                && hex(h, 53, 55)) {
            String trace = h.substring(3, 35).toLowerCase(Locale.ROOT);
            String span = h.substring(36, 52).toLowerCase(Locale.ROOT);
            if (trace.equals(ZERO_TRACE)) return null;
            return new TraceContext(
                    trace, span.equals(ZERO_SPAN) ? null : span, (Character.digit(h.charAt(54), 16) & 1) == 1);
        }
        return null;
    }

    /** {@code h} starts with 32 hex digits: the rest must be nothing, {@code /DIGITS} (1 to 20) and/or {@code ;o=0|1}. */
    private static TraceContext cloud(String h, int n) {
        int i = 32;
        String spanDecimal = null;
        if (i < n && h.charAt(i) == '/') {
            int from = ++i;
            while (i < n && h.charAt(i) >= '0' && h.charAt(i) <= '9') i++;
            if (i == from || i - from > 20) return null;
            spanDecimal = h.substring(from, i);
        }
        Boolean sampled = null;
        if (i < n) {
            if (n - i != 4 || !h.startsWith(";o=", i)) return null;
            char o = h.charAt(i + 3);
            if (o != '0' && o != '1') return null;
            sampled = o == '1';
        }
        String trace = h.substring(0, 32).toLowerCase(Locale.ROOT);
        if (trace.equals(ZERO_TRACE)) return null;
        return new TraceContext(trace, decimalSpanToHex(spanDecimal), sampled);
    }

    /** Whether {@code s[from, to)} is all ASCII hex digits. */
    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
        }
        return true;
    }

    /** X-Cloud-Trace-Context carries the span as an unsigned decimal; Cloud Logging wants 16 hex digits. */
    private static String decimalSpanToHex(String decimal) {
        if (decimal == null) return null;
        long span;
        try {
            span = Long.parseUnsignedLong(decimal);
        } catch (NumberFormatException e) {
            return null; // more than 64 bits
        }
        if (span == 0) return null;
        return String.format("%016x", span);
    }
}
