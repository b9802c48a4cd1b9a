package dev.switchboard.provider.gemini;

import static dev.switchboard.core.mapping.ParamRule.param;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.mapping.ParamMapping;
import dev.switchboard.core.mapping.ParamRule;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ReasoningConfig;
import dev.switchboard.core.model.ResponseFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The request fields outside the conversation: sampling (generationConfig), output format, thinking, and the
 * pass-through parameters ({@link ChatRequest#extensions()}) Gemini understands. A pass-through parameter not in
 * the table is refused by name rather than silently dropped.
 */
final class GeminiParams {

    private static final ParamMapping SAMPLING = ParamMapping.of(
            param("generationConfig.temperature", ChatRequest::temperature).clamp(0, 2),
            param("generationConfig.topP", ChatRequest::topP),
            param("generationConfig.maxOutputTokens", ChatRequest::maxTokens),
            param("generationConfig.stopSequences", ChatRequest::stop),
            param("generationConfig.seed", ChatRequest::seed).map(GeminiParams::int32Seed));

    /** A pass-through parameter Gemini understands: where it goes and how its value is checked. */
    private record Extension(
            String name, String target, BiFunction<String, JsonNode, JsonNode> check, boolean vertexOnly) {
        ParamRule rule() {
            return param(target, r -> {
                JsonNode v = r.extensions().get(name);
                return v == null || v.isNull() ? null : check.apply(name, v);
            });
        }
    }

    /**
     * OpenAI pass-through parameters with a Gemini equivalent, then Gemini's own request fields by their snake_case
     * names. The OpenAI front door only passes OpenAI's parameters through; the Gemini-native ones serve
     * in-process callers of the core.
     */
    private static final List<Extension> EXTENSIONS = List.of(
            new Extension("frequency_penalty", "generationConfig.frequencyPenalty", GeminiParams::number, false),
            new Extension("presence_penalty", "generationConfig.presencePenalty", GeminiParams::number, false),
            new Extension("logprobs", "generationConfig.responseLogprobs", GeminiParams::bool, false),
            new Extension("top_logprobs", "generationConfig.logprobs", GeminiParams::integer, false),
            new Extension("modalities", "generationConfig.responseModalities", GeminiParams::modalities, false),
            new Extension("top_k", "generationConfig.topK", GeminiParams::number, false),
            new Extension("cached_content", "cachedContent", GeminiParams::text, false),
            new Extension("safety_settings", "safetySettings", GeminiParams::array, false),
            new Extension("labels", "labels", GeminiParams::object, true),
            new Extension("model_armor_config", "modelArmorConfig", GeminiParams::object, true));

    private static final ParamMapping STUDIO_EXTENSIONS = extensions(GeminiService.AI_STUDIO);
    private static final ParamMapping VERTEX_EXTENSIONS = extensions(GeminiService.VERTEX);

    private GeminiParams() {}

    static void apply(ChatRequest request, GeminiService flavor, ObjectNode body) {
        rejectUnsupported(request, flavor);
        SAMPLING.apply(request, body);
        (flavor == GeminiService.VERTEX ? VERTEX_EXTENSIONS : STUDIO_EXTENSIONS).apply(request, body);
        responseFormat(request.responseFormat(), body);
        thinking(request.reasoning(), body);
        // parallel_tool_calls has no Gemini switch (the model decides) and user has no Gemini field: both are hints.
    }

    private static void rejectUnsupported(ChatRequest request, GeminiService flavor) {
        for (String name : new TreeSet<>(request.extensions().keySet())) {
            boolean known = EXTENSIONS.stream()
                    .anyMatch(e -> e.name().equals(name) && (!e.vertexOnly() || flavor == GeminiService.VERTEX));
            if (!known) {
                throw InvalidRequest.forParam(
                        name,
                        "Unsupported parameter: '" + name + "' is not supported by provider type "
                                + flavor.providerType() + ".");
            }
        }
    }

    private static void responseFormat(ResponseFormat format, ObjectNode body) {
        switch (format) {
            case null -> {}
            case ResponseFormat.Text t -> {}
            case ResponseFormat.JsonObject j ->
                child(body, "generationConfig").put("responseMimeType", "application/json");
            case ResponseFormat.JsonSchema s -> {
                // responseJsonSchema takes full JSON Schema; responseSchema only the OpenAPI subset.
                ObjectNode config = child(body, "generationConfig");
                config.put("responseMimeType", "application/json");
                config.set("responseJsonSchema", s.schema());
            }
        }
    }

    /**
     * Reasoning asked for: show the thoughts (includeThoughts) and pass an explicit budget, or translate an effort
     * into one (-1 is Gemini's dynamic budget). Reasoning turned off: budget 0.
     */
    private static void thinking(ReasoningConfig reasoning, ObjectNode body) {
        if (reasoning == null) return;
        ObjectNode thinking = child(child(body, "generationConfig"), "thinkingConfig");
        if (reasoning.disabled()) {
            thinking.put("thinkingBudget", 0);
            return;
        }
        thinking.put("includeThoughts", true);
        if (reasoning.budgetTokens() != null || reasoning.effort() != null) {
            thinking.put("thinkingBudget", reasoning.budgetOr(-1));
        }
    }

    private static ParamMapping extensions(GeminiService flavor) {
        return ParamMapping.of(EXTENSIONS.stream()
                .filter(e -> !e.vertexOnly() || flavor == GeminiService.VERTEX)
                .map(Extension::rule)
                .toArray(ParamRule[]::new));
    }

    static ObjectNode child(ObjectNode parent, String name) {
        JsonNode node = parent.get(name);
        return node instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private static Object int32Seed(Object seed) {
        long v = (Long) seed;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw InvalidRequest.forParam("seed", "Invalid 'seed': Gemini takes a 32-bit integer.");
        }
        return (int) v;
    }

    private static JsonNode number(String name, JsonNode v) {
        if (!v.isNumber()) throw wrongType(name, "a number");
        return v;
    }

    private static JsonNode integer(String name, JsonNode v) {
        if (!v.isIntegralNumber()) throw wrongType(name, "an integer");
        return v;
    }

    private static JsonNode bool(String name, JsonNode v) {
        if (!v.isBoolean()) throw wrongType(name, "a boolean");
        return v;
    }

    private static JsonNode text(String name, JsonNode v) {
        if (!v.isTextual()) throw wrongType(name, "a string");
        return v;
    }

    private static JsonNode array(String name, JsonNode v) {
        if (!v.isArray()) throw wrongType(name, "an array");
        return v;
    }

    private static JsonNode object(String name, JsonNode v) {
        if (!v.isObject()) throw wrongType(name, "an object");
        return v;
    }

    /** OpenAI's lower-case modality names ("text", "image", "audio") → Gemini's enum names. */
    private static JsonNode modalities(String name, JsonNode v) {
        if (!v.isArray()) throw wrongType(name, "an array of strings");
        ArrayNode out = Json.array();
        for (JsonNode m : v) {
            if (!m.isTextual()) throw wrongType(name, "an array of strings");
            out.add(m.asText().toUpperCase(Locale.ROOT));
        }
        return out;
    }

    private static InvalidRequest wrongType(String name, String expected) {
        return InvalidRequest.forParam(name, "Invalid type for '" + name + "': expected " + expected + ".");
    }
}
