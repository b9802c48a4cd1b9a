package dev.switchboard.core.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The circuit breakers of one gateway (one process), one per target, made on first use. Model names in direct
 * requests come from callers, so past {@value #MAX_TARGETS} targets new ones get a breaker that is not kept
 * (always closed) rather than growing without bound.
 */
public final class CircuitBreakers {
    static final int MAX_TARGETS = 10_000;

    private final CircuitBreakerConfig config;
    private final LongSupplier ticker;
    private final Map<ModelRef, CircuitBreaker> byTarget = new ConcurrentHashMap<>();

    private final CircuitBreaker.Listener listener;

    public CircuitBreakers(CircuitBreakerConfig config, LongSupplier ticker) {
        this(config, ticker, CircuitBreaker.Listener.NONE);
    }

    public CircuitBreakers(CircuitBreakerConfig config, LongSupplier ticker, CircuitBreaker.Listener listener) {
        this.config = config;
        this.ticker = ticker;
        this.listener = listener;
    }

    public CircuitBreakerConfig config() {
        return config;
    }

    public CircuitBreaker forTarget(ModelRef target) {
        CircuitBreaker b = byTarget.get(target);
        if (b != null) return b;
        if (byTarget.size() >= MAX_TARGETS) return new CircuitBreaker(target, config, ticker, listener);
        return byTarget.computeIfAbsent(target, t -> new CircuitBreaker(t, config, ticker, listener));
    }

    /** The state of one target's circuit; empty when it was never used. */
    public Optional<CircuitSnapshot> snapshot(ModelRef target) {
        return Optional.ofNullable(byTarget.get(target)).map(CircuitBreaker::snapshot);
    }

    /** Every known target's circuit, by target name. */
    public List<CircuitSnapshot> snapshots() {
        return byTarget.values().stream().map(CircuitBreaker::snapshot)
                .sorted(Comparator.comparing(s -> s.target().toString())).toList();
    }
}
