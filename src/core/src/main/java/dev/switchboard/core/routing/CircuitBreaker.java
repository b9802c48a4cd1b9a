package dev.switchboard.core.routing;

import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.model.ModelRef;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The circuit of one target (provider + model): CLOSED → OPEN after too many failures (see
 * {@link CircuitBreakerConfig}), OPEN → HALF_OPEN once the cooldown has passed, admitting a single probe;
 * the probe's success closes the circuit, its failure reopens it with the cooldown doubled (capped).
 *
 * <p>Each call takes a {@link Permit} and settles it exactly once. Permits carry the generation they were issued
 * in; every state change starts a new one, so a slow call admitted before the circuit opened cannot close it
 * (or count twice) when it finally returns. Caller faults (400-class) say nothing about the target's health and
 * only give a probe slot back. All methods are short and synchronized on this breaker alone.
 */
public final class CircuitBreaker {

    /** Leave to call once; settle it with the call's outcome. */
    public final class Permit {
        private final long generation;
        private final boolean probe;
        private boolean settled;

        private Permit(long generation, boolean probe) {
            this.generation = generation;
            this.probe = probe;
        }

        /** Whether this is the one call a half-open circuit lets through: its outcome closes or reopens it. */
        public boolean probe() {
            return probe;
        }

        /** The call's outcome: null for success, else its error. Later calls do nothing. */
        public void settle(SwitchboardException error) {
            synchronized (CircuitBreaker.this) {
                if (settled) return;
                settled = true;
                if (error == null) succeeded(generation);
                else if (error.callerFault()) released(generation);
                else failed(generation);
            }
        }

        /** The call ended without a verdict on the target (e.g. the gateway itself broke). */
        public void release() {
            synchronized (CircuitBreaker.this) {
                if (settled) return;
                settled = true;
                released(generation);
            }
        }
    }

    private final ModelRef target;
    private final CircuitBreakerConfig config;
    private final LongSupplier ticker;
    private final boolean[] window;

    private CircuitState state = CircuitState.CLOSED;
    private long generation;
    private int consecutive;
    private int windowNext;
    private int windowCalls;
    private int windowFailures;
    private long openedAt;
    private long cooldownNanos;
    private boolean probing;
    private long timesOpened;

    /** Hears every change of state (under the breaker's lock: it must be quick and must not call back). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (target, from, to) -> {};

        void changed(ModelRef target, CircuitState from, CircuitState to);
    }

    private final Listener listener;

    public CircuitBreaker(ModelRef target, CircuitBreakerConfig config, LongSupplier ticker) {
        this(target, config, ticker, Listener.NONE);
    }

    public CircuitBreaker(ModelRef target, CircuitBreakerConfig config, LongSupplier ticker, Listener listener) {
        this.listener = listener;
        this.target = target;
        this.config = config;
        this.ticker = ticker;
        this.window = new boolean[config.window()];
        this.cooldownNanos = config.cooldown().toNanos();
    }

    /** A permit to call the target, or null when the circuit refuses (open, or a probe is already out). */
    public synchronized Permit tryAcquire() {
        if (!config.enabled()) return new Permit(generation, false);
        switch (state) {
            case CLOSED:
                return new Permit(generation, false);
            case OPEN:
                if (ticker.getAsLong() - openedAt < cooldownNanos) return null;
                transition(CircuitState.HALF_OPEN);
                probing = true;
                return new Permit(generation, true);
            default:
                if (probing) return null;
                probing = true;
                return new Permit(generation, true);
        }
    }

    /** Whether {@link #tryAcquire} would admit a call now; changes nothing. */
    public synchronized boolean admitsCalls() {
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> !config.enabled() || ticker.getAsLong() - openedAt >= cooldownNanos;
            case HALF_OPEN -> !probing;
        };
    }

    public synchronized CircuitSnapshot snapshot() {
        long left = state == CircuitState.OPEN ? Math.max(0, openedAt + cooldownNanos - ticker.getAsLong()) : 0;
        return new CircuitSnapshot(
                target,
                state,
                consecutive,
                windowCalls,
                windowFailures,
                Duration.ofNanos(cooldownNanos),
                Duration.ofNanos(left),
                timesOpened);
    }

    private void succeeded(long gen) {
        if (gen != generation || !config.enabled()) return;
        if (state == CircuitState.HALF_OPEN) {
            cooldownNanos = config.cooldown().toNanos();
            transition(CircuitState.CLOSED);
        } else if (state == CircuitState.CLOSED) {
            consecutive = 0;
            remember(false);
        }
    }

    private void failed(long gen) {
        if (gen != generation || !config.enabled()) return;
        if (state == CircuitState.HALF_OPEN) {
            cooldownNanos = Math.min(
                    saturatedDouble(cooldownNanos), config.maxCooldown().toNanos());
            open();
        } else if (state == CircuitState.CLOSED) {
            consecutive++;
            remember(true);
            boolean byRate = windowCalls >= config.minCalls() && windowFailures >= config.failureRate() * windowCalls;
            if (consecutive >= config.consecutiveFailures() || byRate) open();
        }
    }

    private void released(long gen) {
        if (gen == generation && state == CircuitState.HALF_OPEN) probing = false;
    }

    private void open() {
        transition(CircuitState.OPEN);
        openedAt = ticker.getAsLong();
        timesOpened++;
    }

    private void transition(CircuitState next) {
        CircuitState from = state;
        state = next;
        generation++;
        probing = false;
        consecutive = 0;
        windowNext = 0;
        windowCalls = 0;
        windowFailures = 0;
        if (from != next) listener.changed(target, from, next);
    }

    private void remember(boolean failure) {
        if (windowCalls == window.length) {
            if (window[windowNext]) windowFailures--;
        } else {
            windowCalls++;
        }
        window[windowNext] = failure;
        if (failure) windowFailures++;
        windowNext = (windowNext + 1) % window.length;
    }

    private static long saturatedDouble(long v) {
        return v > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : v * 2;
    }
}
