package dev.switchboard.api.http;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.Overloaded;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission control where bodies are read: a request is let in only while the bodies already in memory and the
 * requests in flight stay under their budgets; past them it is turned away at once (503 with Retry-After) instead
 * of every request running the heap out together. A body whose length is not announced counts as
 * max-body-size until it is read. One body is always let in when nothing else is in flight, so a single request
 * up to max-body-size never starves.
 */
public final class Admission {
    public static final int RETRY_AFTER_SECONDS = 1;
    private final long maxBytes;
    private final int maxRequests;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();

    public Admission(long maxBytes, int maxRequests) {
        if (maxBytes <= 0 || maxRequests <= 0) throw new IllegalArgumentException("admission budgets must be positive");
        this.maxBytes = maxBytes;
        this.maxRequests = maxRequests;
    }

    /** A ticket to release when the response is done, or null when the request must be turned away. */
    public Ticket tryAdmit(long bodyBytes) {
        long weight = Math.max(0, bodyBytes);
        if (requests.incrementAndGet() > maxRequests) {
            requests.decrementAndGet();
            return null;
        }
        long total = bytes.addAndGet(weight);
        if (total > maxBytes && total != weight) {
            bytes.addAndGet(-weight);
            requests.decrementAndGet();
            return null;
        }
        return new Ticket(weight);
    }

    /** What a turned-away caller gets. */
    public static Overloaded busy() {
        return new Overloaded(ErrorInfo.of("The gateway is handling as many requests as its memory allows; retry in "
                        + RETRY_AFTER_SECONDS + " s (switchboard.limits.max-in-flight-*).")
                .withCode("gateway_busy"));
    }

    public long inFlightBytes() {
        return bytes.get();
    }

    public int inFlightRequests() {
        return requests.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Released once, however many times {@link #release} is called (end, close and failure handlers all may). */
    public final class Ticket {
        private final long weight;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(long weight) {
            this.weight = weight;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                bytes.addAndGet(-weight);
                requests.decrementAndGet();
            }
        }
    }
}
