package dev.switchboard.emulator.behavior;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, per request, whether a model's faults apply now. Counts requests per exact model name so that
 * {@code first<n>} / {@code every<n>} are deterministic under concurrency: each request atomically takes
 * the next number.
 */
public final class FaultSchedule {

    private final ConcurrentHashMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    /** Counts this request and returns the faults to inject into it ({@link FaultSpec#NONE} if none). */
    public FaultSpec next(ModelSpec spec) {
        int number =
                counters.computeIfAbsent(spec.name(), k -> new AtomicInteger()).incrementAndGet();
        if (spec.fault().isNone()) {
            return FaultSpec.NONE;
        }
        return spec.gate().admits(number, ThreadLocalRandom.current()) ? spec.fault() : FaultSpec.NONE;
    }

    /** Requests seen so far for an exact model name. */
    public int count(String model) {
        AtomicInteger c = counters.get(model);
        return c == null ? 0 : c.get();
    }

    public void reset() {
        counters.clear();
    }
}
