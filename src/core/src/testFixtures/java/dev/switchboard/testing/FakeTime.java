package dev.switchboard.testing;

import dev.switchboard.core.routing.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A monotonic clock that moves only when told to; sleeping on it advances it at once and is remembered. */
public final class FakeTime {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public LongSupplier ticker() {
        return nanos::get;
    }

    public Sleeper sleeper() {
        return d -> {
            sleeps.add(d);
            advance(d);
        };
    }

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    public long now() {
        return nanos.get();
    }

    /** Every sleep asked for, in order. */
    public List<Duration> sleeps() {
        return sleeps;
    }
}
