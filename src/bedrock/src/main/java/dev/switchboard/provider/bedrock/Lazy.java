package dev.switchboard.provider.bedrock;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Built once, on first use; a lock rather than synchronized so virtual threads do not pin while waiting. */
final class Lazy<T extends AutoCloseable> implements AutoCloseable {
    private final Supplier<T> factory;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile T value;

    Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    T get() {
        T v = value;
        if (v != null) return v;
        lock.lock();
        try {
            if (value == null) value = factory.get();
            return value;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the value if it was ever built. */
    @Override
    public void close() {
        T v = value;
        if (v == null) return;
        try {
            v.close();
        } catch (Exception ignored) {
            // closing releases threads and sockets; nothing useful to do if that fails
        }
    }
}
