package dev.switchboard.core.routing;

import dev.switchboard.core.model.ModelRef;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Recent latency per target, as an exponentially weighted moving average of successful attempts: the whole
 * call for non-streamed requests, the time to the first event for streams (kept apart: they measure different
 * things). A measurement older than {@code staleAfter} no longer counts, so a target that was slow once gets
 * measured again; such a target is handed to one request at a time to explore ({@link #claimExploration}), not
 * to every request arriving meanwhile.
 */
public final class LatencyTracker {

    /** Past this many tracked targets, new ones are not tracked (names come from callers; memory must not). */
    static final int MAX_TARGETS = 10_000;

    private record Key(ModelRef target, boolean stream) {}

    private static final class Ewma {
        double nanos = Double.NaN;
        long sampledAt;
        long claimedAt;
        boolean claimed;
    }

    private final double alpha;
    private final long staleAfterNanos;
    private final LongSupplier ticker;
    private final Map<Key, Ewma> byTarget = new ConcurrentHashMap<>();

    /**
     * @param alpha      weight of the newest sample (0..1]
     * @param staleAfter age past which a measurement is ignored and the target explored again
     */
    public LatencyTracker(double alpha, Duration staleAfter, LongSupplier ticker) {
        if (!(alpha > 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in (0, 1]");
        this.alpha = alpha;
        this.staleAfterNanos = staleAfter.toNanos();
        this.ticker = ticker;
    }

    public static LatencyTracker withDefaults(LongSupplier ticker) {
        return new LatencyTracker(0.3, Duration.ofSeconds(60), ticker);
    }

    public void record(ModelRef target, boolean stream, long nanos) {
        Ewma e = entry(target, stream);
        if (e == null) return;
        synchronized (e) {
            e.nanos = Double.isNaN(e.nanos) ? nanos : alpha * nanos + (1 - alpha) * e.nanos;
            e.sampledAt = ticker.getAsLong();
            e.claimed = false;
        }
    }

    /** The current average; empty when never measured or the measurement is stale. */
    public Optional<Duration> estimate(ModelRef target, boolean stream) {
        Ewma e = byTarget.get(new Key(target, stream));
        if (e == null) return Optional.empty();
        synchronized (e) {
            if (Double.isNaN(e.nanos) || ticker.getAsLong() - e.sampledAt > staleAfterNanos) return Optional.empty();
            return Optional.of(Duration.ofNanos((long) e.nanos));
        }
    }

    /** The last average, stale or not (diagnostics). */
    public Optional<Duration> last(ModelRef target, boolean stream) {
        Ewma e = byTarget.get(new Key(target, stream));
        if (e == null) return Optional.empty();
        synchronized (e) {
            return Double.isNaN(e.nanos) ? Optional.empty() : Optional.of(Duration.ofNanos((long) e.nanos));
        }
    }

    /**
     * True when {@code target} needs a measurement (none, or stale) and no other request is taking it right now;
     * the caller then tries it first. A claim lapses after {@code staleAfter} (a failed exploration waits that
     * long before the next).
     */
    public boolean claimExploration(ModelRef target, boolean stream) {
        Ewma e = entry(target, stream);
        if (e == null) return false;
        synchronized (e) {
            long now = ticker.getAsLong();
            boolean needed = Double.isNaN(e.nanos) || now - e.sampledAt > staleAfterNanos;
            boolean taken = e.claimed && now - e.claimedAt <= staleAfterNanos;
            if (!needed || taken) return false;
            e.claimed = true;
            e.claimedAt = now;
            return true;
        }
    }

    private Ewma entry(ModelRef target, boolean stream) {
        Key key = new Key(target, stream);
        Ewma e = byTarget.get(key);
        if (e != null || byTarget.size() >= MAX_TARGETS) return e;
        return byTarget.computeIfAbsent(key, k -> new Ewma());
    }
}
