package dev.switchboard.core.cost.sink;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostSink;
import dev.switchboard.core.cost.format.CostLineFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes one line per record to stdout, where the Lambda and Cloud Run log agents pick it up. Each line goes out
 * in a single write and is flushed, so concurrent requests (and other loggers on the same stream) cannot split it.
 */
public final class StdoutSink implements CostSink {
    private final CostLineFormat format;
    private final PrintStream out;
    private final FailureReporter failures;
    private final ReentrantLock lock = new ReentrantLock();

    public StdoutSink(CostLineFormat format) {
        this(format, System.out, System.err);
    }

    public StdoutSink(CostLineFormat format, PrintStream out, PrintStream err) {
        this.format = Objects.requireNonNull(format, "format");
        this.out = Objects.requireNonNull(out, "out");
        this.failures = new FailureReporter("stdout", Objects.requireNonNull(err, "err"));
    }

    @Override
    public void emit(CostRecord record) {
        byte[] bytes;
        try {
            bytes = format.lineBytes(record);
        } catch (RuntimeException e) {
            failures.failed(e);
            return;
        }
        // a lock, not synchronized: a virtual thread blocked in a write inside synchronized pins its carrier (Java 21)
        lock.lock();
        try {
            out.write(bytes, 0, bytes.length);
            out.flush();
            // PrintStream swallows IOExceptions and only remembers them
            if (out.checkError()) failures.failed(new IOException("stdout write failed"));
        } catch (RuntimeException e) {
            failures.failed(e);
        } finally {
            lock.unlock();
        }
    }

    /** Lines lost so far (for health checks); 0 in a healthy process. */
    public long failures() {
        return failures.failures();
    }
}
