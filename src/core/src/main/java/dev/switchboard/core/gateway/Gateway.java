package dev.switchboard.core.gateway;

import dev.switchboard.core.catalog.ModelCatalog;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostSink;
import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.cost.PriceRequest;
import dev.switchboard.core.cost.Pricer;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.NotConfigured;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.routing.ModelRef;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ChatStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one path into the core: every runtime (REST, Lambda, Cloud Functions, batch) calls {@link #chat} or
 * {@link #stream}. Resolves the model name to a route, calls the provider, and writes one cost record per
 * upstream attempt.
 */
public final class Gateway {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final Map<String, ChatProvider> providers;
    private final Map<String, Route> routes;
    private final ModelCatalog catalog;
    private final boolean validateModels;
    private final CallOptions callOptions;
    private final Pricer pricer;
    private final CostSink costSink;
    private final Clock clock;

    private Gateway(Builder b) {
        this.providers = Map.copyOf(b.providers);
        this.routes = Map.copyOf(b.routes);
        this.catalog = b.catalog != null ? b.catalog
                : new ModelCatalog(b.providers, java.util.Set.of(), Duration.ofMinutes(10), b.clock);
        this.validateModels = b.validateModels;
        this.callOptions = b.callOptions;
        this.pricer = b.pricer;
        this.costSink = b.costSink;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ChatResult chat(ChatRequest request, RequestContext ctx) {
        Route route = resolve(request.model());
        RouteTarget target = route.targets().get(0);
        ChatProvider provider = bind(target.ref());
        long start = System.nanoTime();
        try {
            ChatResponse response = provider.chat(request.withModel(target.ref().model()), callOptions);
            long took = System.nanoTime() - start;
            PriceQuote quote = record(ctx, route, target.ref(), provider, 1, CostRecord.OK, false,
                    response.model(), response.usage(), took, null);
            return new ChatResult(response, new CallInfo(route.name(), target.ref(), 1, took, quote));
        } catch (SwitchboardException e) {
            record(ctx, route, target.ref(), provider, 1, e.kind(), false, null, Usage.NOT_REPORTED, System.nanoTime() - start, null);
            throw e;
        } catch (RuntimeException e) {
            record(ctx, route, target.ref(), provider, 1, "internal_error", false, null, Usage.NOT_REPORTED, System.nanoTime() - start, null);
            throw internal(provider, e);
        }
    }

    /**
     * Opens a stream and waits for its first event, so that an upstream refusal can still become a proper
     * error status for the caller.
     */
    public GatewayStream stream(ChatRequest request, RequestContext ctx) {
        Route route = resolve(request.model());
        RouteTarget target = route.targets().get(0);
        ChatProvider provider = bind(target.ref());
        long start = System.nanoTime();
        ChatStream upstream = null;
        try {
            upstream = provider.stream(request.withModel(target.ref().model()), callOptions);
            StreamEvent first = upstream.next(callOptions.idleTimeout());
            long waited = System.nanoTime() - start;
            CallInfo info = new CallInfo(route.name(), target.ref(), 1, waited, null);
            return new GatewayStream(upstream, first, info, start, (outcome, reportedModel, usage, ttft) ->
                    record(ctx, route, target.ref(), provider, 1, outcome, true, reportedModel, usage,
                            System.nanoTime() - start, ttft));
        } catch (SwitchboardException e) {
            if (upstream != null) upstream.close();
            record(ctx, route, target.ref(), provider, 1, e.kind(), true, null, Usage.NOT_REPORTED, System.nanoTime() - start, null);
            throw e;
        } catch (RuntimeException e) {
            if (upstream != null) upstream.close();
            record(ctx, route, target.ref(), provider, 1, "internal_error", true, null, Usage.NOT_REPORTED, System.nanoTime() - start, null);
            throw internal(provider, e);
        }
    }

    /** A route name, or {@code provider/model} with a configured provider. */
    public Route resolve(String model) {
        Route route = routes.get(model);
        if (route != null) return route;
        ModelRef ref = ModelRef.parseOrNull(model);
        if (ref == null) {
            throw new ModelNotFound(ErrorInfo.of("The model '" + model + "' does not exist: use a route name ("
                    + String.join(", ", routes.keySet()) + ") or provider/model with a configured provider ("
                    + String.join(", ", providers.keySet()) + ").").withParam("model"));
        }
        if (!providers.containsKey(ref.provider())) {
            throw new ModelNotFound(ErrorInfo.of("Unknown provider '" + ref.provider() + "' in model '" + model
                    + "'. Configured providers: " + String.join(", ", providers.keySet()) + ".").withParam("model"));
        }
        return Route.direct(ref);
    }

    private ChatProvider bind(ModelRef ref) {
        ChatProvider provider = providers.get(ref.provider());
        if (provider == null) {
            throw new ModelNotFound(ErrorInfo.of("Unknown provider '" + ref.provider() + "'.").withParam("model"));
        }
        String unavailable = provider.unavailableReason();
        if (unavailable != null) throw new NotConfigured(ErrorInfo.of(unavailable).withProvider(ref.provider()));
        if (validateModels && catalog.availability(ref.provider(), ref.model()) == ModelCatalog.Availability.NOT_LISTED) {
            throw new ModelNotFound(ErrorInfo.of("The model '" + ref.model() + "' is not offered by provider '"
                    + ref.provider() + "' (see GET /v1/models).").withParam("model").withProvider(ref.provider()));
        }
        return provider;
    }

    private PriceQuote record(RequestContext ctx, Route route, ModelRef target, ChatProvider provider, int attempt,
                              String outcome, boolean stream, String reportedModel, Usage usage, long nanos, Long ttftNanos) {
        // Gateway calls are real-time calls: batch rates apply only to work submitted to a provider's batch API.
        PriceQuote quote = pricer.quote(new PriceRequest(target, provider.type(), reportedModel,
                usage.reported() ? usage : Usage.of(0, 0), false));
        // Nothing reported means nothing to price: the record says null, not a computed zero.
        PriceQuote recorded = usage.reported() ? quote : new PriceQuote(null, quote.priceVersion(), quote.known());
        try {
            costSink.emit(new CostRecord(clock.instant(), ctx.requestId(), attempt, route.name(), target.provider(),
                    target.model(), outcome, stream, usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(),
                    usage.cacheWriteTokens(), usage.reasoningTokens(), recorded.costUsd(), recorded.priceVersion(),
                    recorded.pricing(), nanos / 1_000_000, ttftNanos == null ? null : ttftNanos / 1_000_000,
                    ctx.tags(), ctx.batchJobId(), ctx.trace()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cost sink failed for request " + ctx.requestId(), e);
        }
        return recorded;
    }

    private static SwitchboardException internal(ChatProvider provider, RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "provider '" + provider.id() + "' failed unexpectedly", e);
        return new UpstreamError(ErrorInfo.of("provider '" + provider.id() + "' failed unexpectedly ("
                + e.getClass().getSimpleName() + ")").withProvider(provider.id()).withCode("internal_error"), false, e);
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

    public static final class Builder {
        private final Map<String, ChatProvider> providers = new LinkedHashMap<>();
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private ModelCatalog catalog;
        private boolean validateModels;
        private CallOptions callOptions = CallOptions.DEFAULT;
        private Pricer pricer = Pricer.NONE;
        private CostSink costSink = CostSink.NONE;
        private Clock clock = Clock.systemUTC();

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

        public Builder catalog(ModelCatalog v) { catalog = v; return this; }
        public Builder validateModels(boolean v) { validateModels = v; return this; }
        public Builder callOptions(CallOptions v) { callOptions = Objects.requireNonNull(v); return this; }
        public Builder pricer(Pricer v) { pricer = Objects.requireNonNull(v); return this; }
        public Builder costSink(CostSink v) { costSink = Objects.requireNonNull(v); return this; }
        public Builder clock(Clock v) { clock = Objects.requireNonNull(v); return this; }

        public Gateway build() {
            return new Gateway(this);
        }
    }
}
