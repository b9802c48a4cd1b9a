package dev.switchboard.core.routing;

import dev.switchboard.core.model.ModelRef;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The circuit breakers of one gateway (one process), one per target. Configured targets get theirs up front
 * ({@link #forTarget}); a direct request's target, whose name a caller chose, gets a breaker that is kept only once
 * a provider accepted the model ({@link #keep}), so made-up names leave no state behind. Past {@value #MAX_TARGETS}
 * targets new ones get a breaker that is not kept (always closed) rather than growing without bound.
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

    /** The kept breaker of a target, or a fresh one that is not kept until {@link #keep}. */
    public CircuitBreaker forAttempt(ModelRef target) {
        CircuitBreaker b = byTarget.get(target);
        return b != null ? b : new CircuitBreaker(target, config, ticker);
    }

    /** Keeps a breaker from {@link #forAttempt} once its target is known to exist upstream. */
    public void keep(ModelRef target, CircuitBreaker breaker) {
        if (byTarget.size() < MAX_TARGETS) byTarget.putIfAbsent(target, breaker);
    }

    /** The state of one target's circuit; empty when it was never used. */
    public Optional<CircuitSnapshot> snapshot(ModelRef target) {
        return Optional.ofNullable(byTarget.get(target)).map(CircuitBreaker::snapshot);
    }

    /** Every known target's circuit, by target name. */
    public List<CircuitSnapshot> snapshots() {
        return byTarget.values().stream()
                .map(CircuitBreaker::snapshot)
                .sorted(Comparator.comparing(s -> s.target().toString()))
                .toList();
    }
}
