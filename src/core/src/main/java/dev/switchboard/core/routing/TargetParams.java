package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ReasoningConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Request parameters a route sets for one target, overriding the caller's (e.g. a smaller max_tokens or a lower
 * reasoning effort for a fallback model). Null fields leave the caller's value alone. {@code extensions} are
 * provider-specific parameters by their wire name, laid over the request's own extensions.
 */
public record TargetParams(
        Double temperature, Double topP, Integer maxTokens, String reasoningEffort, Map<String, JsonNode> extensions) {

    public static final TargetParams NONE = new TargetParams(null, null, null, null, Map.of());

    private static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high");

    public TargetParams {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        if (temperature != null && !(temperature >= 0)) throw new IllegalArgumentException("temperature: must be >= 0");
        if (topP != null && !(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top_p: must be in (0, 1]");
        if (maxTokens != null && maxTokens < 1) throw new IllegalArgumentException("max_tokens: must be >= 1");
        if (reasoningEffort != null && !EFFORTS.contains(reasoningEffort)) {
            throw new IllegalArgumentException("reasoning_effort: '" + reasoningEffort + "' is not one of " + EFFORTS);
        }
    }

    /**
     * Reads parameters as configuration gives them (all strings): {@code temperature}, {@code top_p},
     * {@code max_tokens}, {@code reasoning_effort} (kebab-case accepted too); any other name is an extension
     * whose value is read as JSON when it parses ({@code 0.5}, {@code true}, <code>{"a":1}</code>) and as text
     * otherwise.
     *
     * @throws IllegalArgumentException "name: why", for the assembler to prefix with the key
     */
    public static TargetParams parse(Map<String, String> config) {
        if (config == null || config.isEmpty()) return NONE;
        Double temperature = null;
        Double topP = null;
        Integer maxTokens = null;
        String effort = null;
        Map<String, JsonNode> ext = new LinkedHashMap<>();
        for (var e : config.entrySet()) {
            String name = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue().trim();
            switch (name.replace('-', '_')) {
                case "temperature" -> temperature = number(name, value);
                case "top_p" -> topP = number(name, value);
                case "max_tokens", "max_completion_tokens" -> maxTokens = integer(name, value);
                case "reasoning_effort" -> effort = value;
                default -> {
                    JsonNode parsed = Json.tryParse(value);
                    ext.put(name, parsed != null ? parsed : Json.NODES.textNode(value));
                }
            }
        }
        return new TargetParams(temperature, topP, maxTokens, effort, ext);
    }

    public boolean isEmpty() {
        return temperature == null
                && topP == null
                && maxTokens == null
                && reasoningEffort == null
                && extensions.isEmpty();
    }

    /** The request as this target should receive it. */
    public ChatRequest applyTo(ChatRequest request) {
        if (isEmpty()) return request;
        ChatRequest.Builder b = request.toBuilder();
        if (temperature != null) b.temperature(temperature);
        if (topP != null) b.topP(topP);
        if (maxTokens != null) b.maxTokens(maxTokens);
        if (reasoningEffort != null) b.reasoning(new ReasoningConfig(reasoningEffort, null));
        if (!extensions.isEmpty()) {
            Map<String, JsonNode> merged = new LinkedHashMap<>(request.extensions());
            merged.putAll(extensions);
            b.extensions(merged);
        }
        return b.build();
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a number");
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not an integer");
        }
    }
}
