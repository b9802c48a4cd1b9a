package dev.switchboard.core.gateway;

import dev.switchboard.core.catalog.ModelCatalog;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostSink;
import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.cost.Pricer;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.NotConfigured;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ModelMetadataSource;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.routing.CapabilityFilter;
import dev.switchboard.core.routing.CircuitBreakerConfig;
import dev.switchboard.core.routing.CircuitBreakers;
import dev.switchboard.core.routing.CircuitSnapshot;
import dev.switchboard.core.routing.CircuitState;
import dev.switchboard.core.routing.LatencyTracker;
import dev.switchboard.core.routing.RetryPolicy;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTimeouts;
import dev.switchboard.core.routing.Router;
import dev.switchboard.core.routing.Sleeper;
import dev.switchboard.core.routing.TargetOrdering;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ChatStream;
import dev.switchboard.core.telemetry.AttemptEnd;
import dev.switchboard.core.telemetry.GatewayObserver;
import dev.switchboard.core.telemetry.RequestOutcomes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The one path into the core: every runtime (REST, Lambda, Cloud Functions, batch) calls {@link #chat} or
 * {@link #stream}. Resolves the model name to a route, runs it through the {@link Router} (fallback, retries,
 * circuit breakers) and writes exactly one cost record per upstream attempt, numbered 1..n across the request.
 *
 * <p>{@link CallInfo#upstreamNanos()} counts every attempt, failed ones included, and the backoff waits between
 * retries: those waits are spent because an upstream failed (or asked for them with Retry-After), so they are
 * not the gateway's own overhead.
 */
public final class Gateway {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final Map<String, ChatProvider> providers;
    private final Map<String, Route> routes;
    private final ModelCatalog catalog;
    private final boolean validateModels;
    private final CostRecorder costs;
    private final LongSupplier ticker;
    private final RetryPolicy directRetry;
    private final RouteTimeouts directTimeouts;
    private final CircuitBreakers circuits;
    private final LatencyTracker latency;
    private final Router router;
    private final Duration requestDeadline;
    private final Duration idleTimeout;
    private final GatewayObserver observer;

    private Gateway(Builder b) {
        this.requestDeadline = b.requestDeadline;
        this.idleTimeout = b.callOptions.idleTimeout();
        this.providers = Map.copyOf(b.providers);
        this.routes = Map.copyOf(b.routes);
        this.catalog = b.catalog != null
                ? b.catalog
                : new ModelCatalog(b.providers, java.util.Set.of(), Duration.ofMinutes(10), b.clock);
        this.validateModels = b.validateModels;
        this.costs = new CostRecorder(b.pricer, b.costSink, b.clock);
        this.ticker = b.ticker;
        this.directRetry = b.directRetry;
        this.directTimeouts = b.directTimeouts;
        this.observer = b.observer;
        this.circuits = new CircuitBreakers(
                b.circuitBreakers,
                b.ticker,
                (target, from, to) -> b.observer.circuitChanged(
                        target,
                        from.name().toLowerCase(java.util.Locale.ROOT),
                        to.name().toLowerCase(java.util.Locale.ROOT)));
        this.latency = LatencyTracker.withDefaults(b.ticker);
        // configured targets are listed in diagnostics from the start, not only once called
        routes.values().forEach(r -> r.targets().forEach(t -> circuits.forTarget(t.ref())));
        this.router = new Router(new Router.Parts(
                this::bind,
                this::providerType,
                new CapabilityFilter(b.metadata, b.inferRequirements),
                new TargetOrdering(latency, b.pricer),
                circuits,
                latency,
                b.callOptions,
                b.ticker,
                b.sleeper,
                b.jitter,
                b.observer));
    }

    public static Builder builder() {
        return new Builder();
    }

    public ChatResult chat(ChatRequest request, RequestContext ctx) {
        Route route = withinRequestDeadline(resolve(request.model()));
        Router.Answer<ChatResponse> a = RequestOutcomes.observe(
                observer,
                route.name(),
                false,
                () -> router.run(
                        route,
                        request,
                        false,
                        (provider, req, limits) -> provider.chat(req, limits.options()),
                        failures(ctx, route, false)));
        ChatResponse response = a.value();
        UpstreamAttempt attempt = UpstreamAttempt.of(
                        ctx, route, a.target().ref(), a.provider().type(), a.attempt(), false)
                .ended(CostRecord.OK, a.attemptNanos(), null);
        PriceQuote quote = costs.account(attempt, response.model(), response.usage());
        a.observed()
                .finished(new AttemptEnd(
                        CostRecord.OK,
                        response.model(),
                        response.usage(),
                        response.finishReason(),
                        quote.costUsd(),
                        null,
                        response));
        return new ChatResult(
                response, new CallInfo(route.name(), a.target().ref(), a.attempt(), a.upstreamNanos(), quote));
    }

    private record Opened(ChatStream upstream, StreamEvent first) {}

    /**
     * Opens a stream and waits for its first event, so that an upstream refusal can still become a proper
     * error status for the caller and the route can still fall over to another target. Once the first event is
     * in, the stream is committed: a later failure ends it (recorded with the usage seen so far, and counted
     * against the target's circuit).
     */
    public GatewayStream stream(ChatRequest request, RequestContext ctx) {
        long requestStart = ticker.getAsLong();
        Route route = withinRequestDeadline(resolve(request.model()));
        Router.Answer<Opened> a = RequestOutcomes.observe(
                observer,
                route.name(),
                true,
                () -> router.run(
                        route,
                        request,
                        true,
                        (provider, req, limits) -> {
                            ChatStream upstream = provider.stream(req, limits.options());
                            try {
                                return new Opened(upstream, upstream.next(limits.untilFirstEvent()));
                            } catch (RuntimeException e) {
                                upstream.close();
                                throw e;
                            }
                        },
                        failures(ctx, route, true)));
        ModelRef target = a.target().ref();
        CallInfo info = new CallInfo(route.name(), target, a.attempt(), a.upstreamNanos(), null);
        long start = a.attemptStart();
        UpstreamAttempt attempt =
                UpstreamAttempt.of(ctx, route, target, a.provider().type(), a.attempt(), true);
        GatewayStream stream = new GatewayStream(
                a.value().upstream(),
                a.value().first(),
                info,
                start,
                ticker,
                a.permit(),
                (outcome, reportedModel, usage, finish, ttft) -> {
                    PriceQuote quote = costs.account(
                            attempt.ended(outcome, ticker.getAsLong() - start, ttft), reportedModel, usage);
                    a.observed()
                            .finished(
                                    new AttemptEnd(outcome, reportedModel, usage, finish, quote.costUsd(), ttft, null));
                    return quote;
                });
        return requestDeadline == null
                ? stream
                : stream.deadline(requestStart + requestDeadline.toNanos(), idleTimeout);
    }

    /** The route with its deadline cut to the platform's request deadline, when one is set. */
    private Route withinRequestDeadline(Route route) {
        if (requestDeadline == null) return route;
        Duration own = route.timeouts().deadline();
        if (own != null && own.compareTo(requestDeadline) <= 0) return route;
        var t = route.timeouts();
        return route.withTimeouts(new RouteTimeouts(t.attempt(), t.firstToken(), requestDeadline));
    }

    private Router.FailureListener failures(RequestContext ctx, Route route, boolean stream) {
        return (target, provider, number, outcome, nanos) -> costs.account(
                UpstreamAttempt.of(ctx, route, target, provider.type(), number, stream)
                        .ended(outcome, nanos, null),
                null,
                Usage.NOT_REPORTED);
    }

    /** A route name, or {@code provider/model} with a configured provider. */
    public Route resolve(String model) {
        Route route = routes.get(model);
        if (route != null) return route;
        ModelRef ref = ModelRef.parseOrNull(model);
        if (ref == null) {
            throw new ModelNotFound(ErrorInfo.of("The model '" + model + "' does not exist: use a route name ("
                            + String.join(", ", routes.keySet()) + ") or provider/model with a configured provider ("
                            + String.join(", ", providers.keySet()) + ").")
                    .withParam("model"));
        }
        if (!providers.containsKey(ref.provider())) {
            throw new ModelNotFound(ErrorInfo.of("Unknown provider '" + ref.provider() + "' in model '" + model
                            + "'. Configured providers: " + String.join(", ", providers.keySet()) + ".")
                    .withParam("model"));
        }
        return Route.direct(ref, directRetry, directTimeouts);
    }

    private ChatProvider bind(ModelRef ref) {
        ChatProvider provider = providers.get(ref.provider());
        if (provider == null) {
            throw new ModelNotFound(
                    ErrorInfo.of("Unknown provider '" + ref.provider() + "'.").withParam("model"));
        }
        String unavailable = provider.unavailableReason();
        if (unavailable != null)
            throw new NotConfigured(ErrorInfo.of(unavailable).withProvider(ref.provider()));
        if (validateModels
                && catalog.availability(ref.provider(), ref.model()) == ModelCatalog.Availability.NOT_LISTED) {
            throw new ModelNotFound(ErrorInfo.of("The model '" + ref.model() + "' is not offered by provider '"
                            + ref.provider() + "' (see GET /v1/models).")
                    .withParam("model")
                    .withProvider(ref.provider()));
        }
        return provider;
    }

    private String providerType(ModelRef ref) {
        ChatProvider p = providers.get(ref.provider());
        return p == null ? null : p.type();
    }

    public Map<String, ChatProvider> providers() {
        return providers;
    }

    public Map<String, Route> routes() {
        return routes;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** The gateway's pricer and cost sink: batch collectors record provider batch lines through it. */
    public CostRecorder costs() {
        return costs;
    }

    /** The circuit of one target; a never-used target reads as a fresh CLOSED circuit. */
    public CircuitSnapshot circuit(ModelRef target) {
        return circuits.snapshot(target)
                .orElseGet(() -> new CircuitSnapshot(
                        target, CircuitState.CLOSED, 0, 0, 0, circuits.config().cooldown(), Duration.ZERO, 0));
    }

    /** Every known target (those of configured routes, and direct ones once used), by name; read-only. */
    public List<TargetHealth> targetHealth() {
        return circuits.snapshots().stream()
                .map(c -> new TargetHealth(
                        c.target(),
                        c,
                        latency.last(c.target(), false).orElse(null),
                        latency.last(c.target(), true).orElse(null)))
                .toList();
    }

    public CircuitBreakerConfig circuitBreakerConfig() {
        return circuits.config();
    }

    /**
     * Backoff jitter. Not ThreadLocalRandom: its per-thread seeds come from one static seeder, which a SnapStart (or
     * CRaC) snapshot captures, so every instance restored from one snapshot would draw the same "random" delays and
     * retry in lockstep. SecureRandom reads fresh kernel entropy after a restore; it is only drawn on a retry.
     */
    private static final SecureRandom JITTER = new SecureRandom();

    public static final class Builder {
        private final Map<String, ChatProvider> providers = new LinkedHashMap<>();
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private ModelCatalog catalog;
        private boolean validateModels;
        private CallOptions callOptions = CallOptions.DEFAULT;
        private Pricer pricer = Pricer.NONE;
        private CostSink costSink = CostSink.NONE;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy directRetry = RetryPolicy.DEFAULT;
        private RouteTimeouts directTimeouts = RouteTimeouts.DEFAULT;
        private CircuitBreakerConfig circuitBreakers = CircuitBreakerConfig.DEFAULT;
        private ModelMetadataSource metadata = ModelMetadataSource.NONE;
        private boolean inferRequirements = true;
        private LongSupplier ticker = System::nanoTime;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private DoubleSupplier jitter = JITTER::nextDouble;
        private Duration requestDeadline;
        private GatewayObserver observer = GatewayObserver.NONE;

        public Builder provider(ChatProvider provider) {
            providers.put(provider.id(), provider);
            return this;
        }

        public Builder providers(List<ChatProvider> list) {
            list.forEach(this::provider);
            return this;
        }

        public Builder route(Route route) {
            routes.put(route.name(), route);
            return this;
        }

        public Builder catalog(ModelCatalog v) {
            catalog = v;
            return this;
        }

        public Builder validateModels(boolean v) {
            validateModels = v;
            return this;
        }
        /** Attempt timeout and stream idle/first-event timeout where a route does not set its own. */
        public Builder callOptions(CallOptions v) {
            callOptions = Objects.requireNonNull(v);
            return this;
        }

        public Builder pricer(Pricer v) {
            pricer = Objects.requireNonNull(v);
            return this;
        }

        public Builder costSink(CostSink v) {
            costSink = Objects.requireNonNull(v);
            return this;
        }

        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v);
            return this;
        }
        /** Retries of direct {@code provider/model} requests (default {@link RetryPolicy#DEFAULT}). */
        public Builder directRetry(RetryPolicy v) {
            directRetry = Objects.requireNonNull(v);
            return this;
        }
        /** Time limits of direct {@code provider/model} requests. */
        public Builder directTimeouts(RouteTimeouts v) {
            directTimeouts = Objects.requireNonNull(v);
            return this;
        }

        public Builder circuitBreakers(CircuitBreakerConfig v) {
            circuitBreakers = Objects.requireNonNull(v);
            return this;
        }
        /** Model capabilities and context windows for the capability filter (default: none known). */
        public Builder metadata(ModelMetadataSource v) {
            metadata = Objects.requireNonNull(v);
            return this;
        }
        /** Also require what a request itself needs: tools, vision (images), json_schema (default true). */
        public Builder inferRequirements(boolean v) {
            inferRequirements = v;
            return this;
        }
        /** Monotonic time in nanoseconds (default System::nanoTime): timeouts, backoff, circuits, latencies. */
        public Builder ticker(LongSupplier v) {
            ticker = Objects.requireNonNull(v);
            return this;
        }

        public Builder sleeper(Sleeper v) {
            sleeper = Objects.requireNonNull(v);
            return this;
        }
        /** Uniform random numbers in [0, 1) for the backoff jitter; must be thread-safe. */
        public Builder jitter(DoubleSupplier v) {
            jitter = Objects.requireNonNull(v);
            return this;
        }
        /**
         * A cap on every request's deadline, routes included, streams to their last event (null: none): a function
         * runtime sets it a few seconds under its own timeout, so the gateway answers and records before it is killed.
         */
        public Builder requestDeadline(Duration v) {
            requestDeadline = v;
            return this;
        }
        /** Traces and metrics (default: none). */
        public Builder observer(GatewayObserver v) {
            observer = Objects.requireNonNull(v);
            return this;
        }

        public Gateway build() {
            return new Gateway(this);
        }
    }
}
