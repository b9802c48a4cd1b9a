package dev.switchboard.core.routing;

import dev.switchboard.core.error.AllTargetsFailed;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.telemetry.AttemptEnd;
import dev.switchboard.core.telemetry.AttemptObservation;
import dev.switchboard.core.telemetry.AttemptStart;
import dev.switchboard.core.telemetry.GatewayObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The fallback loop, one plain loop per request: filter the route's targets by capability, order them by its
 * strategy, then for each target (skipping open circuits) try up to the policy's attempts, collecting every
 * error; the first answer wins. Retriable errors are retried on the same target after a full-jitter backoff or
 * the upstream's Retry-After, never past the deadline; other errors move on to the next target; a caller fault
 * ends the request at once, since every target would refuse it alike.
 *
 * <p>Stateless per request apart from the shared, thread-safe circuits, latencies and round-robin scores.
 */
public final class Router {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** One upstream call of the request, within the given limits. Streams return once the first event is in. */
    @FunctionalInterface
    public interface Call<T> {
        T attempt(ChatProvider provider, ChatRequest request, AttemptLimits limits);
    }

    /** Hears of every failed attempt, to account for it. */
    @FunctionalInterface
    public interface FailureListener {
        void failed(ModelRef target, ChatProvider provider, int attempt, String outcome, long nanos);
    }

    /** Resolves a target to its provider, or fails (unknown or unusable provider, model not listed). */
    @FunctionalInterface
    public interface Binder {
        ChatProvider bind(ModelRef target);
    }

    /** What the router is made of; every part is shared by all requests of one gateway. */
    public record Parts(
            Binder binder,
            Function<ModelRef, String> providerType,
            CapabilityFilter filter,
            TargetOrdering ordering,
            CircuitBreakers circuits,
            LatencyTracker latency,
            CallOptions defaults,
            LongSupplier ticker,
            Sleeper sleeper,
            DoubleSupplier jitter,
            GatewayObserver observer) {}

    /**
     * The attempt that answered.
     *
     * @param attempt       its number within the request, 1..n
     * @param attemptStart  ticker value when it started
     * @param upstreamNanos time spent on upstreams so far, failed attempts and backoff waits included
     * @param permit        the attempt's circuit permit: settled for a whole answer; for a stream the caller settles
     *                      it when the stream ends (see {@link #run})
     * @param observed      the attempt's telemetry, which the caller finishes once the answer is complete
     */
    public record Answer<T>(
            T value,
            RouteTarget target,
            ChatProvider provider,
            int attempt,
            long attemptStart,
            long attemptNanos,
            long upstreamNanos,
            CircuitBreaker.Permit permit,
            AttemptObservation observed) {}

    /** How one attempt on a target ended; the loop of {@link Run#tryTarget} decides what follows. */
    private sealed interface Attempted<T> {
        record Answered<T>(Answer<T> answer) implements Attempted<T> {}

        /** {@code callerCaused}: a timeout of an oversized prompt; the same prompt would time out again. */
        record Failed<T>(int number, SwitchboardException error, boolean callerCaused) implements Attempted<T> {}

        /** No attempt was made: the target's circuit is open. */
        record CircuitOpen<T>() implements Attempted<T> {}
    }
    /**
     * Estimated input past which a timeout is taken as caused by the prompt's size, not the target's health: it
     * does not count against the circuit and is not retried on the same target (README, "Limits").
     */
    public static final long LARGE_PROMPT_TOKENS = 100_000;

    private final Parts p;

    public Router(Parts parts) {
        this.p = parts;
    }

    /**
     * Runs the route. A stream's answer is only the start of the call: unless the permit was a half-open probe
     * (judged by the first event, so that one long stream does not hold a recovering target's only slot), its
     * verdict is left to the caller, since a stream that breaks after its first event failed too.
     */
    public <T> Answer<T> run(Route route, ChatRequest request, boolean stream, Call<T> call, FailureListener listener) {
        long start = p.ticker().getAsLong();
        Duration deadline = route.timeouts().deadline();
        Run<T> run =
                new Run<>(route, request, stream, call, listener, deadline == null ? null : start + deadline.toNanos());
        RequestEstimate estimate = RequestEstimate.of(request);
        CapabilityFilter.Verdict verdict = p.filter().apply(route, request, estimate, p.providerType());
        if (verdict.eligible().isEmpty()) {
            throw new InvalidRequest(ErrorInfo.of("No target of route '" + route.name() + "' can serve this request: "
                            + verdict.excluded().stream()
                                    .map(x -> x.target() + ": " + x.reason())
                                    .collect(Collectors.joining("; ")))
                    .withCode("no_capable_target")
                    .withParam("model"));
        }
        verdict.excluded().forEach(x -> run.notTried.add(x.target() + " (" + x.reason() + ")"));
        List<RouteTarget> order = p.ordering()
                .order(
                        route,
                        verdict.eligible(),
                        estimate,
                        stream,
                        t -> p.circuits().forAttempt(t.ref()).admitsCalls(),
                        p.providerType());
        for (RouteTarget target : order) {
            if (run.expired(p.ticker().getAsLong())) {
                run.notTried.add(target.ref() + " (deadline passed)");
                continue;
            }
            Answer<T> answer = run.tryTarget(target);
            if (answer != null) return answer;
        }
        throw run.failure();
    }

    /** The state of one request's loop. */
    private final class Run<T> {
        final Route route;
        final ChatRequest request;
        final boolean stream;
        final Call<T> call;
        final FailureListener listener;
        final Long deadline;
        final List<AllTargetsFailed.Attempt> failures = new ArrayList<>();
        final List<String> notTried = new ArrayList<>();
        final List<ModelRef> openCircuits = new ArrayList<>();
        int attempts;
        long upstreamNanos;
        Boolean largePrompt;

        /** @param deadline ticker value by which the request must be done; null: no deadline */
        Run(Route route, ChatRequest request, boolean stream, Call<T> call, FailureListener listener, Long deadline) {
            this.route = route;
            this.request = request;
            this.stream = stream;
            this.call = call;
            this.listener = listener;
            this.deadline = deadline;
        }

        /** Tries one target up to the policy's attempts; null when the loop should move on to the next target. */
        Answer<T> tryTarget(RouteTarget target) {
            ChatProvider provider;
            try {
                provider = p.binder().bind(target.ref());
            } catch (SwitchboardException e) {
                failures.add(new AllTargetsFailed.Attempt(target.ref().toString(), 0, e));
                return null;
            }
            ChatRequest shaped =
                    target.params().applyTo(request.withModel(target.ref().model()));
            CircuitBreaker breaker = p.circuits().forAttempt(target.ref());
            for (int retry = 0; ; retry++) {
                long now = p.ticker().getAsLong();
                if (expired(now)) return null;
                switch (attempt(target, provider, shaped, breaker, now, retry)) {
                    case Attempted.Answered<T> answered -> {
                        return answered.answer();
                    }
                    case Attempted.CircuitOpen<T> open -> {
                        if (retry == 0) {
                            notTried.add(target.ref() + " (circuit open)");
                            openCircuits.add(target.ref());
                        }
                        return null;
                    }
                    case Attempted.Failed<T> failed -> {
                        SwitchboardException error = failed.error();
                        failures.add(new AllTargetsFailed.Attempt(target.ref().toString(), failed.number(), error));
                        if (error.callerFault()) throw error;
                        // the same prompt would be paid for again and time out again: at most one attempt per target
                        if (failed.callerCaused()) return null;
                        if (retry + 1 >= route.retry().maxAttempts()) return null;
                        Duration delay = route.retry()
                                .delayAfter(error, retry, p.jitter().getAsDouble());
                        if (delay == null || !breaker.admitsCalls()) return null; // no use waiting for an open circuit
                        long before = p.ticker().getAsLong();
                        if (left(before) <= delay.toNanos())
                            return null; // no time to wait; the next target may still fit
                        if (!sleep(delay)) throw failure();
                        upstreamNanos += p.ticker().getAsLong() - before;
                    }
                }
            }
        }

        /**
         * One upstream call under a circuit permit. The permit is settled here, except a stream's (unless a
         * half-open probe), which goes to the caller with the answer; a failure is accounted for at once.
         */
        private Attempted<T> attempt(
                RouteTarget target,
                ChatProvider provider,
                ChatRequest shaped,
                CircuitBreaker breaker,
                long now,
                int retry) {
            CircuitBreaker.Permit permit = breaker.tryAcquire();
            if (permit == null) return new Attempted.CircuitOpen<>();
            int attempt = ++attempts;
            AttemptObservation observed = p.observer()
                    .attemptStarted(new AttemptStart(
                            route.name(),
                            target.ref(),
                            provider.type(),
                            attempt,
                            AttemptStart.kind(attempt, retry),
                            stream,
                            shaped));
            T value;
            try {
                value = call.attempt(provider, shaped, limits(now).traced(observed.traceHeaders()));
            } catch (SwitchboardException e) {
                return failed(target, provider, attempt, breaker, permit, now, e, e.kind(), observed);
            } catch (RuntimeException e) {
                return failed(
                        target,
                        provider,
                        attempt,
                        breaker,
                        permit,
                        now,
                        internal(provider, e),
                        "internal_error",
                        observed);
            } catch (Error e) {
                permit.release(); // frees a probe's slot: an Error says nothing about the target
                throw e;
            }
            long took = p.ticker().getAsLong() - now;
            upstreamNanos += took;
            if (!stream || permit.probe()) permit.settle(null);
            p.circuits().keep(target.ref(), breaker);
            p.latency().record(target.ref(), stream, took);
            return new Attempted.Answered<>(
                    new Answer<>(value, target, provider, attempt, now, took, upstreamNanos, permit, observed));
        }

        private Attempted<T> failed(
                RouteTarget target,
                ChatProvider provider,
                int attempt,
                CircuitBreaker breaker,
                CircuitBreaker.Permit permit,
                long now,
                SwitchboardException error,
                String outcome,
                AttemptObservation observed) {
            long took = p.ticker().getAsLong() - now;
            upstreamNanos += took;
            boolean callerCaused = error instanceof Timeout && largePrompt();
            // an oversized prompt timing out says nothing about the target's health
            if (callerCaused) permit.release();
            else permit.settle(error);
            // a model the provider does not know is the caller's invention: no lasting breaker for it
            if (!(error instanceof ModelNotFound) && !error.callerFault())
                p.circuits().keep(target.ref(), breaker);
            listener.failed(target.ref(), provider, attempt, outcome, took);
            observed.finished(AttemptEnd.failed(outcome));
            return new Attempted.Failed<>(attempt, error, callerCaused);
        }

        private AttemptLimits limits(long now) {
            Duration left = Duration.ofNanos(left(now));
            Duration attempt = min(
                    route.timeouts().attempt() != null
                            ? route.timeouts().attempt()
                            : p.defaults().timeout(),
                    left);
            Duration firstEvent = min(
                    route.timeouts().firstToken() != null
                            ? route.timeouts().firstToken()
                            : p.defaults().idleTimeout(),
                    left);
            // an upstream that has not even sent its headers has not sent a first event either
            if (stream) attempt = min(attempt, firstEvent);
            return new AttemptLimits(
                    new CallOptions(attempt, p.defaults().idleTimeout()), now + firstEvent.toNanos(), p.ticker());
        }

        /** Whether the request is large enough that a timeout is its own doing ({@link #LARGE_PROMPT_TOKENS}). */
        boolean largePrompt() {
            if (largePrompt == null) largePrompt = RequestEstimate.of(request).inputTokens() >= LARGE_PROMPT_TOKENS;
            return largePrompt;
        }

        boolean expired(long now) {
            return deadline != null && now - deadline >= 0;
        }

        long left(long now) {
            return deadline == null ? Long.MAX_VALUE : Math.max(0, deadline - now);
        }

        /** The error for a request no target answered. */
        SwitchboardException failure() {
            if (failures.size() == 1) return failures.get(0).error();
            if (!failures.isEmpty()) return new AllTargetsFailed(route.name(), failures, notTried);
            if (!openCircuits.isEmpty()) {
                Duration soonest = openCircuits.stream()
                        .map(r -> p.circuits()
                                .snapshot(r)
                                .map(CircuitSnapshot::retryIn)
                                .orElse(Duration.ZERO))
                        .min(Duration::compareTo)
                        .orElse(Duration.ZERO);
                return new Overloaded(ErrorInfo.of("No target of route '" + route.name() + "' is available: "
                                + String.join(", ", notTried)
                                + ". A circuit opens after repeated failures; the next probe "
                                + "is in ~" + Math.max(1, (soonest.toMillis() + 999) / 1000) + " s.")
                        .withCode("circuit_open"));
            }
            return new Timeout(ErrorInfo.of("The deadline of route '" + route.name() + "' ("
                            + route.timeouts().deadline().toMillis() + " ms) passed before any target was tried.")
                    .withCode("deadline_exceeded"));
        }

        private boolean sleep(Duration delay) {
            try {
                p.sleeper().sleep(delay);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static SwitchboardException internal(ChatProvider provider, RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "provider '" + provider.id() + "' failed unexpectedly", e);
        return new UpstreamError(
                ErrorInfo.of("provider '" + provider.id() + "' failed unexpectedly ("
                                + e.getClass().getSimpleName() + ")")
                        .withProvider(provider.id())
                        .withCode("internal_error"),
                false,
                e);
    }
}
