package dev.switchboard.api.config;

import dev.switchboard.core.routing.ModelRef;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RetryPolicy;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.core.routing.RouteTimeouts;
import dev.switchboard.core.routing.Strategy;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
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
    public record Assembly(List<ChatProvider> providers, List<Route> routes, List<String> problems) {}

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
                problems.add(key + ": a provider id may only use letters, digits, '.', '_' and '-' (it is written before the '/' of provider/model)");
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
            String name = e.getKey();
            String key = PREFIX + "routes." + name;
            if (name.contains("/")) {
                problems.add(key + ": a route name cannot contain '/' (that form addresses provider/model)");
                continue;
            }
            List<String> targets = e.getValue().targets();
            if (targets.isEmpty()) {
                problems.add(key + ".targets: a route needs at least one target");
                continue;
            }
            List<RouteTarget> resolved = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                String t = targets.get(i).trim();
                ModelRef ref = ModelRef.parseOrNull(t);
                String tkey = key + ".targets[" + i + "]";
                if (ref == null) {
                    problems.add(tkey + ": '" + t + "' is not of the form provider/model");
                } else if (!config.providers().containsKey(ref.provider())) {
                    problems.add(tkey + ": unknown provider '" + ref.provider() + "' (configured providers: "
                            + String.join(", ", new TreeMap<>(config.providers()).keySet()) + ")");
                } else {
                    resolved.add(RouteTarget.of(ref));
                }
            }
            if (resolved.size() != targets.size()) continue;
            boolean crossProvider = e.getValue().crossProvider();
            List<String> invalid = Route.problems(resolved, Strategy.ORDERED, crossProvider);
            if (!invalid.isEmpty()) {
                invalid.forEach(msg -> problems.add(key + "." + msg));
                continue;
            }
            routes.add(new Route(name, resolved, Strategy.ORDERED, RetryPolicy.DEFAULT, RouteTimeouts.DEFAULT,
                    Set.of(), crossProvider));
        }
        return new Assembly(new ArrayList<>(providers.values()), routes, problems);
    }

    static ProviderSettings settings(String id, SwitchboardConfig.Provider p) {
        return ProviderSettings.builder(id, p.type())
                .apiKey(p.apiKey().orElse(null))
                .baseUrl(p.baseUrl().map(GatewayAssembler::url).orElse(null))
                .apiVersion(p.apiVersion().orElse(null))
                .region(p.region().orElse(null))
                .endpoint(p.endpoint().orElse(null))
                .plaintext(p.plaintext())
                .project(p.project().orElse(null))
                .location(p.location().orElse(null))
                .connectTimeout(p.connectTimeout())
                .includeFineTuned(p.includeFineTuned())
                .headers(p.headers())
                .build();
    }

    private static URI url(String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("base-url: '" + value + "' is not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("base-url: '" + value + "' is not a valid URL");
        }
    }
}
