package dev.switchboard.core.cost;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caller's trace context as Cloud Logging wants it.
 *
 * @param traceId  32 lowercase hex characters
 * @param spanId   16 lowercase hex characters (Cloud Logging's spanId format), or null
 * @param sampled  the caller's sampling decision, or null when it did not say
 */
public record TraceContext(String traceId, String spanId, Boolean sampled) {
    // X-Cloud-Trace-Context: TRACE_ID[/SPAN_ID][;o=0|1], SPAN_ID in decimal
    private static final Pattern CLOUD = Pattern.compile("([0-9a-fA-F]{32})(?:/([0-9]{1,20}))?(?:;o=([01]))?");
    // W3C traceparent: 00-TRACE_ID-SPAN_ID-FLAGS, ids in hex
    private static final Pattern W3C =
            Pattern.compile("[0-9a-fA-F]{2}-([0-9a-fA-F]{32})-([0-9a-fA-F]{16})-([0-9a-fA-F]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    /**
     * Parses an X-Cloud-Trace-Context (or W3C traceparent) value; null when absent or malformed, because a bad
     * header from a caller must never cost us the record.
     */
    public static TraceContext parse(String header) {
        if (header == null || header.isBlank()) return null;
        String h = header.strip();
        Matcher m = CLOUD.matcher(h);
        if (m.matches()) {
            String trace = m.group(1).toLowerCase(Locale.ROOT);
            if (trace.equals(ZERO_TRACE)) return null;
            return new TraceContext(
                    trace,
                    decimalSpanToHex(m.group(2)),
                    m.group(3) == null ? null : m.group(3).equals("1"));
        }
        m = W3C.matcher(h);
        if (m.matches()) {
            String trace = m.group(1).toLowerCase(Locale.ROOT);
            String span = m.group(2).toLowerCase(Locale.ROOT);
            if (trace.equals(ZERO_TRACE)) return null;
            return new TraceContext(
                    trace, span.equals(ZERO_SPAN) ? null : span, (Integer.parseInt(m.group(3), 16) & 1) == 1);
        }
        return null;
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
