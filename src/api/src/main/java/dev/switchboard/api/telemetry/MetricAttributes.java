package dev.switchboard.api.telemetry;

import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.ModelRef;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The attribute sets of the metric points, built once per (route, target, response model, outcome) and reused: an
 * {@link Attributes} is a sorted copy of its pairs, and an attempt records up to five points with four distinct
 * sets. Bounded: past {@link #MAX_ENTRIES} cached sets, new combinations are built per record as they were before
 * this cache (callers choose direct {@code provider/model} names, which must not grow memory without end; the SDK's
 * per-metric cardinality limit caps the exported points either way).
 */
final class MetricAttributes {
    static final int MAX_ENTRIES = 4096;
    private static final Map<FinishReason, List<String>> FINISH_REASONS = new EnumMap<>(FinishReason.class);

    static {
        for (FinishReason r : FinishReason.values()) FINISH_REASONS.put(r, List.of(r.wireName()));
    }

    private final AtomicInteger entries = new AtomicInteger();
    private final Map<String, Map<ModelRef, Target>> targets = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Attributes[]>> requests = new ConcurrentHashMap<>();

    /** {@code gen_ai.response.finish_reasons} of one reason, without a list per attempt. */
    static List<String> finishReasons(FinishReason reason) {
        return FINISH_REASONS.get(reason);
    }

    /** What an attempt on {@code target} through {@code route} records; {@code provider} its GenAI provider name. */
    Target target(String route, ModelRef target, String provider) {
        Map<ModelRef, Target> byTarget = targets.get(route);
        Target cached = byTarget == null ? null : byTarget.get(target);
        if (cached != null && cached.provider.equals(provider)) return cached;
        Target made = new Target(this, route, target.model(), provider);
        // a cached target of another provider type cannot happen with a fixed configuration; stay correct anyway
        if (cached != null || !reserve()) return made;
        Target won =
                targets.computeIfAbsent(route, r -> new ConcurrentHashMap<>()).putIfAbsent(target, made);
        if (won == null) return made;
        entries.decrementAndGet();
        return won.provider.equals(provider) ? won : made;
    }

    /** The {@code switchboard.requests} point of a request that ended. */
    Attributes request(String route, String outcome, boolean stream) {
        Map<String, Attributes[]> byOutcome = requests.get(route);
        Attributes[] sets = byOutcome == null ? null : byOutcome.get(outcome);
        if (sets == null) {
            sets = new Attributes[] {requestSet(route, outcome, false), requestSet(route, outcome, true)};
            if (reserve()) {
                Attributes[] won = requests.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
                        .putIfAbsent(outcome, sets);
                if (won != null) {
                    entries.decrementAndGet();
                    sets = won;
                }
            }
        }
        return sets[stream ? 1 : 0];
    }

    private static Attributes requestSet(String route, String outcome, boolean stream) {
        return Attributes.of(GenAi.ROUTE, route, GenAi.OUTCOME, outcome, GenAi.STREAM, stream);
    }

    private boolean reserve() {
        if (entries.incrementAndGet() <= MAX_ENTRIES) return true;
        entries.decrementAndGet();
        return false;
    }

    /** One (route, target): the span name and the attribute sets every attempt on it shares. */
    static final class Target {
        private final MetricAttributes cache;
        final String provider;
        final String spanName;
        /** operation, provider, request model, route: the cost counter's set and the base of the others */
        final Attributes common;
        /** route, provider: the retry and fallback counters' set */
        final Attributes routeProvider;

        private final Map<String, Points> ok = new ConcurrentHashMap<>();
        private final Map<String, Map<String, Points>> failed = new ConcurrentHashMap<>();
        private static final String NO_MODEL = "";

        private Target(MetricAttributes cache, String route, String model, String provider) {
            this.cache = cache;
            this.provider = provider;
            this.spanName = GenAi.CHAT + " " + model;
            this.common = Attributes.of(
                    GenAi.OPERATION,
                    GenAi.CHAT,
                    GenAi.PROVIDER,
                    provider,
                    GenAi.REQUEST_MODEL,
                    model,
                    GenAi.ROUTE,
                    route);
            this.routeProvider = Attributes.of(GenAi.ROUTE, route, GenAi.PROVIDER, provider);
        }

        /**
         * The sets of an attempt's points: {@code common}, plus {@code gen_ai.response.model} when the upstream named
         * one, plus {@code error.type} when it failed ({@code errorType} null: it did not).
         */
        Points points(String responseModel, String errorType) {
            String model = responseModel == null ? NO_MODEL : responseModel;
            Map<String, Points> byModel =
                    errorType == null ? ok : failed.computeIfAbsent(errorType, k -> new ConcurrentHashMap<>());
            Points p = byModel.get(model);
            if (p != null) return p;
            p = Points.of(common, responseModel, errorType);
            if (!cache.reserve()) return p;
            Points won = byModel.putIfAbsent(model, p);
            if (won == null) return p;
            cache.entries.decrementAndGet();
            return won;
        }
    }

    /** An attempt's point sets: duration and time to first token; token usage by type. */
    record Points(Attributes attempt, Attributes inputTokens, Attributes outputTokens) {
        static Points of(Attributes common, String responseModel, String errorType) {
            AttributesBuilder b = common.toBuilder();
            if (responseModel != null) b.put(GenAi.RESPONSE_MODEL, responseModel);
            if (errorType != null) b.put(GenAi.ERROR_TYPE, errorType);
            Attributes attempt = b.build();
            return new Points(
                    attempt,
                    attempt.toBuilder().put(GenAi.TOKEN_TYPE, "input").build(),
                    attempt.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
        }
    }
}
