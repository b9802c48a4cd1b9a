package dev.switchboard.core.spi;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.StreamEvent;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ChatStream} fed by a producer (an HTTP reader thread, an SDK callback, a gRPC observer). The producer
 * calls {@link #emit}, then exactly one of {@link #complete} or {@link #fail}; the consumer pulls with timeouts.
 * LLM streams are small and slower than their readers, so the queue is unbounded.
 */
public final class PushChatStream implements ChatStream {
    private static final Object END = new Object();

    private record Failure(SwitchboardException error) {}

    private final String provider;
    private final Duration idleTimeout;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable onClose = () -> {};
    private boolean finished;

    public PushChatStream(String provider, Duration idleTimeout) {
        this.provider = provider;
        this.idleTimeout = idleTimeout;
    }

    /** What to run when the consumer closes the stream early (cancel the upstream). */
    public PushChatStream onClose(Runnable action) {
        this.onClose = action;
        return this;
    }

    public void emit(StreamEvent event) {
        if (!closed.get()) queue.add(event);
    }

    public void complete() {
        queue.add(END);
    }

    public void fail(SwitchboardException error) {
        queue.add(new Failure(error));
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public StreamEvent next() {
        return next(idleTimeout);
    }

    @Override
    public StreamEvent next(Duration timeout) {
        if (finished) return null;
        Object item;
        try {
            item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamError(
                    ErrorInfo.of("interrupted while reading the stream from " + provider)
                            .withProvider(provider),
                    false,
                    e);
        }
        if (item == null) {
            throw new Timeout(ErrorInfo.of("no data from provider '" + provider + "' for " + timeout.toMillis() + " ms")
                    .withProvider(provider));
        }
        if (item == END) {
            finished = true;
            return null;
        }
        if (item instanceof Failure f) {
            finished = true;
            throw f.error();
        }
        return (StreamEvent) item;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            finished = true;
            queue.clear();
            onClose.run();
        }
    }
}
