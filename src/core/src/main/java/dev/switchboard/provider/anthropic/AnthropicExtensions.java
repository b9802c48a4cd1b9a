package dev.switchboard.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.model.ChatRequest;
import java.util.Set;

/**
 * The pass-through parameters ({@link ChatRequest#extensions()}) this adapter honors. Anthropic's own parameters,
 * as the Anthropic front door passes them, go to the wire unchanged. OpenAI's are honored where Anthropic has an
 * equivalent or where the value asks for nothing (a zero penalty, logprobs false). Anything else is a 400 naming
 * the parameter: dropping it would answer a different request than the one the caller sent.
 */
final class AnthropicExtensions {

    /**
     * Anthropic-defined tools (web_search, code_execution, bash, ...) that the Anthropic front door read from
     * {@code tools}: raw tool objects, sent after the function tools. Same literal as
     * {@code AnthropicRequestReader.DEFINED_TOOLS}; the two packages may not depend on each other.
     */
    static final String DEFINED_TOOLS = "anthropic_defined_tools";

    /** Anthropic parameters copied to the body as they are. */
    private static final Set<String> NATIVE = Set.of("top_k", "cache_control");

    /** Written by {@link AnthropicMapping} where they belong (thinking, output_config, tools, metadata). */
    private static final Set<String> MAPPED = Set.of("thinking", "output_config", DEFINED_TOOLS, "safety_identifier");

    private AnthropicExtensions() {}

    static void apply(ChatRequest request, ObjectNode body) {
        request.extensions().forEach((name, value) -> {
            if (MAPPED.contains(name)) return;
            if (NATIVE.contains(name)) {
                checkNative(name, value);
                body.set(name, value);
            } else if (name.equals("service_tier")) {
                body.put("service_tier", serviceTier(value));
            } else if (!asksForNothing(name, value)) {
                throw unsupported(name);
            }
        });
    }

    private static void checkNative(String name, JsonNode value) {
        boolean ok = switch (name) {
            case "top_k" -> value.isIntegralNumber() && value.asLong() >= 0;
            case "cache_control" -> value.isObject();
            default -> true;
        };
        if (!ok) throw InvalidRequest.forParam(name, "Invalid '" + name + "' for Anthropic: " + value);
    }

    /** Anthropic knows auto and standard_only; OpenAI's "default" (standard capacity only) means standard_only. */
    private static String serviceTier(JsonNode value) {
        String tier = value.isTextual() ? value.asText() : "";
        return switch (tier) {
            case "auto", "standard_only" -> tier;
            case "default" -> "standard_only";
            default ->
                throw InvalidRequest.forParam(
                        "service_tier",
                        "Anthropic does not offer service_tier '" + value.asText()
                                + "'; use 'auto' or 'standard_only'.");
        };
    }

    /** OpenAI parameters whose value leaves the answer as it would be without them. */
    private static boolean asksForNothing(String name, JsonNode v) {
        return switch (name) {
            case "frequency_penalty", "presence_penalty" ->
                v.isNumber() && v.decimalValue().signum() == 0;
            case "top_logprobs" -> v.isNumber() && v.asInt() == 0;
            case "logprobs", "store" -> v.isBoolean() && !v.asBoolean();
            case "logit_bias" -> v.isObject() && v.isEmpty();
            default -> false;
        };
    }

    private static InvalidRequest unsupported(String name) {
        return InvalidRequest.forParam(name, "Anthropic does not support '" + name + "'; remove it to use this model.");
    }
}
