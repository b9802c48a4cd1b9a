package dev.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfiguration;

/**
 * The request extensions Bedrock honors: Converse's own top-level fields, under their Converse names, for callers
 * that build canonical requests themselves. Every other extension — in practice the OpenAI-only parameters the
 * front door passes through (presence_penalty, logprobs, service_tier, ...) — is refused naming the parameter,
 * never dropped silently.
 *
 * @param guardrailConfig              {guardrailIdentifier, guardrailVersion, trace?, streamProcessingMode?}
 * @param additionalModelRequestFields model-native fields, merged with what the mapping itself puts there
 * @param performanceConfig            {latency: standard | optimized}
 */
record BedrockExtensions(JsonNode guardrailConfig, JsonNode additionalModelRequestFields, JsonNode performanceConfig) {

    static final Set<String> ACCEPTED = Set.of("guardrailConfig", "additionalModelRequestFields", "performanceConfig");

    static BedrockExtensions from(Map<String, JsonNode> extensions) {
        for (String name : extensions.keySet()) {
            if (!ACCEPTED.contains(name)) {
                throw InvalidRequest.forParam(
                        name,
                        "'" + name + "' is not supported by Amazon Bedrock (provider type "
                                + "bedrock); remove it or route the request to a provider that supports it.");
            }
        }
        JsonNode guardrail = object(extensions, "guardrailConfig");
        if (guardrail != null) {
            for (String required : new String[] {"guardrailIdentifier", "guardrailVersion"}) {
                if (Json.text(guardrail, required) == null) {
                    throw InvalidRequest.forParam(
                            "guardrailConfig." + required, "guardrailConfig." + required + " is required.");
                }
            }
        }
        return new BedrockExtensions(
                guardrail, object(extensions, "additionalModelRequestFields"), object(extensions, "performanceConfig"));
    }

    GuardrailConfiguration guardrail() {
        if (guardrailConfig == null) return null;
        return GuardrailConfiguration.builder()
                .guardrailIdentifier(Json.text(guardrailConfig, "guardrailIdentifier"))
                .guardrailVersion(Json.text(guardrailConfig, "guardrailVersion"))
                .trace(Json.text(guardrailConfig, "trace"))
                .build();
    }

    GuardrailStreamConfiguration streamGuardrail() {
        if (guardrailConfig == null) return null;
        return GuardrailStreamConfiguration.builder()
                .guardrailIdentifier(Json.text(guardrailConfig, "guardrailIdentifier"))
                .guardrailVersion(Json.text(guardrailConfig, "guardrailVersion"))
                .trace(Json.text(guardrailConfig, "trace"))
                .streamProcessingMode(Json.text(guardrailConfig, "streamProcessingMode"))
                .build();
    }

    PerformanceConfiguration performance() {
        if (performanceConfig == null) return null;
        return PerformanceConfiguration.builder()
                .latency(Json.text(performanceConfig, "latency"))
                .build();
    }

    private static JsonNode object(Map<String, JsonNode> extensions, String name) {
        JsonNode v = extensions.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) throw InvalidRequest.forParam(name, "'" + name + "' must be an object.");
        return v;
    }
}
