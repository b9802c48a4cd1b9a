package dev.switchboard.batch;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time an invocation has left (Lambda's {@code getRemainingTimeInMillis}, a Cloud Function's timeout minus
 * its elapsed time). The engine stops taking lines once less than {@link BatchSettings#lineAllowance()} plus
 * {@link BatchSettings#checkpointReserve()} remains.
 */
@FunctionalInterface
public interface Budget {
    Duration remaining();

    /** No deadline (local server, command line). */
    static Budget unlimited() {
        return () -> Duration.ofDays(365);
    }

    /** {@code total} from now, measured on a monotonic ticker in nanoseconds. */
    static Budget of(Duration total, LongSupplier ticker) {
        long end = ticker.getAsLong() + total.toNanos();
        return () -> Duration.ofNanos(end - ticker.getAsLong());
    }
}
