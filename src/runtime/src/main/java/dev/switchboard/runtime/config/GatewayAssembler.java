package dev.switchboard.runtime.config;

import dev.switchboard.core.http.HttpUrls;
import dev.switchboard.core.model.Capability;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.routing.CircuitBreakerConfig;
import dev.switchboard.core.routing.RetryPolicy;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.core.routing.RouteTimeouts;
import dev.switchboard.core.routing.Strategy;
import dev.switchboard.core.routing.TargetParams;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns configuration into providers and routes, collecting every problem with the full key it concerns
 * ("switchboard.routes.default.targets[0]: unknown provider 'opnai'") so that startup fails once, saying all of it.
 */
public final class GatewayAssembler {
    private static final String PREFIX = "switchboard.";

    /** What configuration produced; {@code problems} empty means it is valid. */
    public record Assembly(
            List<ChatProvider> providers,
            List<Route> routes,
            RetryPolicy directRetry,
            RouteTimeouts directTimeouts,
            CircuitBreakerConfig circuitBreakers,
            List<String> problems) {}

    private GatewayAssembler() {}

    public static Assembly assemble(SwitchboardConfig config, List<ProviderFactory> factories) {
        Map<String, ProviderFactory> byType = new TreeMap<>();
        factories.forEach(f -> byType.put(f.type(), f));
        List<String> problems = new ArrayList<>();
        Map<String, ChatProvider> providers = new LinkedHashMap<>();

        for (var e : new TreeMap<>(config.providers()).entrySet()) {
            String id = e.getKey();
            SwitchboardConfig.Provider p = e.getValue();
            String key = PREFIX + "providers." + id;
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                problems.add(
                        key
                                + ": a provider id may only use letters, digits, '.', '_' and '-' (it is written before the '/' of provider/model)");
                continue;
            }
            ProviderFactory factory = byType.get(p.type());
            if (factory == null) {
                problems.add(key + ".type: unknown provider type '" + p.type() + "' (this runtime knows: "
                        + String.join(", ", byType.keySet()) + ")");
                continue;
            }
            ProviderSettings settings;
            try {
                settings = settings(id, p);
            } catch (IllegalArgumentException bad) {
                problems.add(key + "." + bad.getMessage());
                continue;
            }
            List<String> invalid = factory.validate(settings);
            if (!invalid.isEmpty()) {
                invalid.forEach(msg -> problems.add(key + "." + msg));
                continue;
            }
            providers.put(id, factory.create(settings));
        }

        List<Route> routes = new ArrayList<>();
        for (var e : new TreeMap<>(config.routes()).entrySet()) {
            Route route = route(e.getKey(), e.getValue(), config, problems);
            if (route != null) routes.add(route);
        }
        RetryPolicy directRetry = retry(config.retry(), PREFIX + "retry", problems);
        RouteTimeouts directTimeouts = parse(
                () -> new RouteTimeouts(null, null, config.timeouts().deadline().orElse(null)),
                PREFIX + "timeouts",
                problems);
        var cb = config.circuitBreaker();
        CircuitBreakerConfig breakers = !cb.enabled()
                ? CircuitBreakerConfig.DISABLED
                : parse(
                        () -> new CircuitBreakerConfig(
                                true,
                                cb.consecutiveFailures(),
                                cb.failureRate(),
                                cb.window(),
                                cb.minCalls(),
                                cb.cooldown(),
                                cb.maxCooldown()),
                        PREFIX + "circuit-breaker",
                        problems);
        return new Assembly(
                new ArrayList<>(providers.values()), routes, directRetry, directTimeouts, breakers, problems);
    }

    /** One route, or null after adding its problems. */
    private static Route route(
            String name, SwitchboardConfig.Route r, SwitchboardConfig config, List<String> problems) {
        String key = PREFIX + "routes." + name;
        int before = problems.size();
        if (name.contains("/")) {
            problems.add(key + ": a route name cannot contain '/' (that form addresses provider/model)");
            return null;
        }
        if (r.targets().isEmpty()) problems.add(key + ".targets: a route needs at least one target");
        List<RouteTarget> resolved = new ArrayList<>();
        for (int i = 0; i < r.targets().size(); i++) {
            String t = r.targets().get(i).trim();
            ModelRef ref = ModelRef.parseOrNull(t);
            String tkey = key + ".targets[" + i + "]";
            if (ref == null) {
                problems.add(tkey + ": '" + t + "' is not of the form provider/model");
            } else if (!config.providers().containsKey(ref.provider())) {
                problems.add(tkey + ": unknown provider '" + ref.provider() + "' (configured providers: "
                        + String.join(", ", new TreeMap<>(config.providers()).keySet()) + ")");
            } else {
                resolved.add(target(ref, r, key, problems));
            }
        }
        for (String t : r.weights().keySet()) {
            if (!r.targets().contains(t)) problems.add(key + ".weights.\"" + t + "\": not one of this route's targets");
        }
        for (String t : r.params().keySet()) {
            if (!r.targets().contains(t)) problems.add(key + ".params.\"" + t + "\": not one of this route's targets");
        }
        Strategy strategy = parse(() -> Strategy.parse(r.strategy()), key + ".strategy", problems);
        Set<Capability> requires = EnumSet.noneOf(Capability.class);
        List<String> wanted = r.requires().orElse(List.of());
        for (int i = 0; i < wanted.size(); i++) {
            String c = wanted.get(i);
            Capability parsed = parse(() -> Capability.parse(c), key + ".requires[" + i + "]", problems);
            if (parsed != null) requires.add(parsed);
        }
        RetryPolicy retry = retry(r.retry(), key + ".retry", problems);
        var t = r.timeouts();
        RouteTimeouts timeouts = parse(
                () -> new RouteTimeouts(
                        t.attempt().orElse(null),
                        t.firstToken().orElse(null),
                        t.deadline().orElse(null)),
                key + ".timeouts",
                problems);
        if (problems.size() > before) return null;
        List<String> invalid = Route.problems(resolved, strategy, r.crossProvider());
        if (!invalid.isEmpty()) {
            invalid.forEach(msg -> problems.add(key + "." + msg));
            return null;
        }
        return new Route(name, resolved, strategy, retry, timeouts, requires, r.crossProvider());
    }

    private static RouteTarget target(ModelRef ref, SwitchboardConfig.Route r, String key, List<String> problems) {
        String t = ref.toString();
        int weight = r.weights().getOrDefault(t, 1);
        if (weight < 0) problems.add(key + ".weights.\"" + t + "\": must not be negative");
        TargetParams params =
                parse(() -> TargetParams.parse(r.params().get(t)), key + ".params.\"" + t + "\"", problems);
        return new RouteTarget(ref, Math.max(0, weight), params == null ? TargetParams.NONE : params);
    }

    /** The retry policy, or the default after adding a problem. */
    static RetryPolicy retry(SwitchboardConfig.Retry r, String key, List<String> problems) {
        RetryPolicy p = parse(
                () -> new RetryPolicy(r.maxAttempts(), r.baseDelay(), r.maxDelay(), r.retryAfterCap()), key, problems);
        return p == null ? RetryPolicy.DEFAULT : p;
    }

    /** Runs a parse whose IllegalArgumentException says "why" (or "subkey: why"); adds it as a problem. */
    private static <T> T parse(java.util.function.Supplier<T> parser, String key, List<String> problems) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null ? "invalid" : e.getMessage();
            problems.add(msg.matches("[a-z_-]+: .*") ? key + "." + msg : key + ": " + msg);
            return null;
        }
    }

    static ProviderSettings settings(String id, SwitchboardConfig.Provider p) {
        return ProviderSettings.builder(id, p.type())
                .apiKey(p.apiKey().orElse(null))
                .baseUrl(p.baseUrl().map(GatewayAssembler::url).orElse(null))
                .apiVersion(p.apiVersion().orElse(null))
                .api(p.api().orElse(null))
                .region(p.region().orElse(null))
                .endpoint(p.endpoint().orElse(null))
                .plaintext(p.plaintext())
                .project(p.project().orElse(null))
                .location(p.location().orElse(null))
                .connectTimeout(p.connectTimeout())
                .includeFineTuned(p.includeFineTuned())
                .headers(p.headers())
                .batch(p.batch())
                .build();
    }

    private static URI url(String value) {
        HttpUrls.problem("base-url", value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return URI.create(value.trim());
    }
}
