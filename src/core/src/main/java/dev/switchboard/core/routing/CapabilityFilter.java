package dev.switchboard.core.routing;

import dev.switchboard.core.model.Capability;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ModelCapabilities;
import dev.switchboard.core.model.ModelMetadataSource;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.ResponseFormat;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps the targets of a route that can serve a request: every capability the route requires (and, when
 * {@code inferFromRequest}, the ones the request itself needs: tools when it sends tools, vision when it sends
 * images, json_schema when it asks for a schema), and a context window no smaller than the estimated input.
 *
 * <p>Only what the metadata knows excludes: a model without metadata, an unknown flag or an unknown window keeps
 * the target, because a catalog that lags behind a provider must not take working targets out of service.
 * Reasoning is never inferred: a reasoning effort is a hint that non-reasoning models may ignore.
 */
public record CapabilityFilter(ModelMetadataSource metadata, boolean inferFromRequest) {

    /** A target left out, and why ("no vision", "context window 8192 < ~9000 estimated input tokens"). */
    public record Excluded(ModelRef target, String reason) {}

    /** The targets kept, in route order, and the ones left out. */
    public record Verdict(List<RouteTarget> eligible, List<Excluded> excluded) {
        public Verdict {
            eligible = List.copyOf(eligible);
            excluded = List.copyOf(excluded);
        }
    }

    public CapabilityFilter {
        metadata = metadata == null ? ModelMetadataSource.NONE : metadata;
    }

    /** What this request needs of a target on this route. */
    public Set<Capability> needs(Route route, ChatRequest request) {
        Set<Capability> needs = EnumSet.noneOf(Capability.class);
        needs.addAll(route.requires());
        if (inferFromRequest) {
            if (!request.tools().isEmpty()) needs.add(Capability.TOOLS);
            if (request.hasImages()) needs.add(Capability.VISION);
            if (request.responseFormat() instanceof ResponseFormat.JsonSchema) needs.add(Capability.JSON_SCHEMA);
        }
        return needs;
    }

    /**
     * @param providerType the type of a target's provider, or null when unknown (then nothing is looked up)
     */
    public Verdict apply(
            Route route, ChatRequest request, RequestEstimate estimate, Function<ModelRef, String> providerType) {
        Set<Capability> needs = needs(route, request);
        List<RouteTarget> eligible = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        for (RouteTarget t : route.targets()) {
            String type = providerType.apply(t.ref());
            Optional<ModelCapabilities> caps = type == null ? Optional.empty() : lookup(t.ref(), type);
            String why = caps.map(c -> unfit(c, needs, estimate.inputTokens())).orElse(null);
            if (why == null) eligible.add(t);
            else excluded.add(new Excluded(t.ref(), why));
        }
        return new Verdict(eligible, excluded);
    }

    private Optional<ModelCapabilities> lookup(ModelRef ref, String type) {
        try {
            return metadata.capabilities(ref, type);
        } catch (RuntimeException e) {
            // metadata is advisory: a broken source must not fail requests
            return Optional.empty();
        }
    }

    private static String unfit(ModelCapabilities caps, Set<Capability> needs, long inputTokens) {
        List<String> missing = new ArrayList<>();
        for (Capability c : needs) {
            if (Boolean.FALSE.equals(caps.supports(c))) missing.add(c.configName());
        }
        if (!missing.isEmpty()) return "no " + String.join(", no ", missing);
        if (caps.contextWindow() != null && caps.contextWindow() < inputTokens) {
            return "context window " + caps.contextWindow() + " < ~" + inputTokens + " estimated input tokens";
        }
        return null;
    }
}
