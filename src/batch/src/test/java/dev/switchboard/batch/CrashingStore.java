package dev.switchboard.batch;

import dev.switchboard.batch.store.BlobStore;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Delegates to a real store and "kills the process" (throws {@link Crash}, an Error nothing catches) at the n-th
 * write, before it happens; counts writes so a test can crash at every one of them. Can also run a hook before a
 * given key is created, to let "another worker" act at that exact moment.
 */
final class CrashingStore implements BlobStore {

    static final class Crash extends Error {
        Crash(String where) {
            super("crash before " + where);
        }
    }

    private final BlobStore delegate;
    private final int crashAtWrite;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile String hookKey;
    private volatile Consumer<BlobStore> hook;

    /** @param crashAtWrite 1-based write to crash at; 0 never */
    CrashingStore(BlobStore delegate, int crashAtWrite) {
        this.delegate = delegate;
        this.crashAtWrite = crashAtWrite;
    }

    /** Runs {@code action} on the real store once, right before the first create of {@code key}. */
    CrashingStore beforeCreate(String key, Consumer<BlobStore> action) {
        this.hookKey = key;
        this.hook = action;
        return this;
    }

    int writes() {
        return writes.get();
    }

    private void write(String key) {
        if (writes.incrementAndGet() == crashAtWrite) throw new Crash(key);
    }

    @Override
    public Optional<byte[]> get(String key) {
        return delegate.get(key);
    }

    @Override
    public Optional<InputStream> open(String key) {
        return delegate.open(key);
    }

    @Override
    public boolean exists(String key) {
        return delegate.exists(key);
    }

    @Override
    public List<String> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) {
        write(key);
        Consumer<BlobStore> h = hook;
        if (h != null && key.equals(hookKey)) {
            hook = null;
            h.accept(delegate);
        }
        return delegate.createIfAbsent(key, content);
    }

    @Override
    public void put(String key, byte[] content) {
        write(key);
        delegate.put(key, content);
    }

    @Override
    public boolean delete(String key) {
        write(key);
        return delegate.delete(key);
    }
}
