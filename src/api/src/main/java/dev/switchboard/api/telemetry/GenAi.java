package dev.switchboard.api.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import java.util.Map;

/**
 * The OpenTelemetry GenAI semantic conventions Switchboard speaks (attribute and metric names as of semconv 1.37+),
 * and Switchboard's own attributes beside them.
 */
final class GenAi {
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    static final AttributeKey<Double> TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<List<String>> FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("switchboard.route");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("switchboard.attempt");
    static final AttributeKey<String> ATTEMPT_KIND = AttributeKey.stringKey("switchboard.attempt.kind");
    static final AttributeKey<String> PROVIDER_ID = AttributeKey.stringKey("switchboard.provider");
    static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("switchboard.cost_usd");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("switchboard.outcome");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("switchboard.stream");
    static final AttributeKey<Long> TTFT_MS = AttributeKey.longKey("switchboard.ttft_ms");
    static final AttributeKey<String> TARGET = AttributeKey.stringKey("switchboard.target");
    static final AttributeKey<String> CIRCUIT_STATE = AttributeKey.stringKey("switchboard.circuit.state");

    static final String CHAT = "chat";
    static final String FIRST_TOKEN_EVENT = "gen_ai.first_token";

    /** Switchboard's provider types as the conventions name the providers; other types are sent as they are. */
    private static final Map<String, String> PROVIDER_NAMES = Map.of(
            "openai", "openai",
            "azure-openai", "azure.ai.openai",
            "anthropic", "anthropic",
            "gemini", "gcp.gemini",
            "vertex", "gcp.vertex_ai",
            "bedrock", "aws.bedrock");

    private GenAi() {}

    static String kind(dev.switchboard.core.telemetry.AttemptStart.Kind kind) {
        return switch (kind) {
            case FIRST -> "first";
            case RETRY -> "retry";
            case FALLBACK -> "fallback";
        };
    }

    static String providerName(String providerType) {
        return providerType == null ? "unknown" : PROVIDER_NAMES.getOrDefault(providerType, providerType);
    }
}
