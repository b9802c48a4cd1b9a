package dev.switchboard.core.cost.sink;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a sink's failures and says so on stderr once: a sink must not throw into the request path, and a
 * broken pipe must not flood the very log that is failing.
 */
final class FailureReporter {
    private final String sink;
    private final PrintStream err;
    private final AtomicBoolean reported = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();

    FailureReporter(String sink, PrintStream err) {
        this.sink = sink;
        this.err = err;
    }

    /** Only the exception's type and message: never the record, so nothing of a request can leak here. */
    void failed(Throwable e) {
        failures.incrementAndGet();
        if (reported.compareAndSet(false, true)) {
            try {
                err.println("switchboard: cost sink '" + sink + "' failed, cost records are being lost ("
                        + e.getClass().getName() + ": " + e.getMessage()
                        + "); further failures are counted, not reported");
                err.flush();
            } catch (RuntimeException ignored) {
                // stderr itself is gone; the failure count is all that is left
            }
        }
    }

    long failures() {
        return failures.get();
    }
}
