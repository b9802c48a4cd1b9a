package dev.switchboard.core.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Per-call limits. {@code timeout} bounds a whole non-streamed call, or a stream until the upstream accepts it;
 * {@code idleTimeout} bounds the wait for each next stream event. {@code traceHeaders} carry the attempt's trace
 * context (W3C {@code traceparent}, ...) to the upstream; providers that speak HTTP send them with the call.
 */
public record CallOptions(Duration timeout, Duration idleTimeout, Map<String, String> traceHeaders) {
    public static final CallOptions DEFAULT = new CallOptions(Duration.ofSeconds(600), Duration.ofSeconds(120));

    public CallOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        traceHeaders = traceHeaders == null || traceHeaders.isEmpty() ? Map.of() : Map.copyOf(traceHeaders);
    }

    public CallOptions(Duration timeout, Duration idleTimeout) {
        this(timeout, idleTimeout, Map.of());
    }

    public CallOptions withTimeout(Duration newTimeout) {
        return new CallOptions(newTimeout, idleTimeout, traceHeaders);
    }

    public CallOptions withTraceHeaders(Map<String, String> headers) {
        return new CallOptions(timeout, idleTimeout, headers);
    }
}
