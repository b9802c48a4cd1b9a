package dev.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.provider.anthropic.AnthropicBodies;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Bedrock batch jobs carry InvokeModel bodies, whose shape is the model vendor's own (not Converse). Claude models
 * take the Anthropic Messages body (mapped by the Anthropic adapter, {@link AnthropicBodies}) with
 * {@code anthropic_version} instead of {@code model}; other vendors are not supported yet.
 */
final class BedrockBatchModels {
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";
    /** Geography prefixes of cross-region inference profile ids ({@code us.anthropic.claude-…}). */
    private static final Set<String> GEOGRAPHIES = Set.of("us", "eu", "apac", "jp", "au", "ca", "us-gov", "global");

    private BedrockBatchModels() {}

    /** The model vendor of a Bedrock model id, inference profile id or either one's ARN ("anthropic", "meta"). */
    static String vendor(String modelId) {
        String id = modelId == null ? "" : modelId;
        if (id.startsWith("arn:")) id = id.substring(id.lastIndexOf('/') + 1);
        String[] parts = id.toLowerCase(Locale.ROOT).split("\\.");
        if (parts.length < 2) return "";
        return parts.length > 2 && GEOGRAPHIES.contains(parts[0]) ? parts[1] : parts[0];
    }

    /** Why {@code request} cannot go into a Bedrock batch job, or empty. */
    static Optional<String> unsupported(ChatRequest request) {
        String vendor = vendor(request.model());
        if (!vendor.equals("anthropic")) {
            return Optional.of("Bedrock batch jobs run Anthropic Claude models only here; '" + request.model() + "' is "
                    + (vendor.isEmpty() ? "of an unknown model family" : "a " + vendor + " model"));
        }
        ObjectNode body;
        try {
            body = AnthropicBodies.request(request);
        } catch (SwitchboardException e) {
            return Optional.of(e.getMessage());
        }
        if (body.has("output_config")) {
            return Optional.of("Bedrock batch jobs take no structured outputs (response_format json_schema)");
        }
        if (body.has("service_tier")) return Optional.of("Bedrock batch jobs take no service_tier");
        for (JsonNode tool : body.path("tools")) {
            if (!tool.has("input_schema")) {
                return Optional.of("Bedrock batch jobs take no Anthropic server tools ('"
                        + tool.path("type").asText() + "')");
            }
        }
        for (JsonNode message : body.path("messages")) {
            for (JsonNode block : message.path("content")) {
                if (block.path("source").path("type").asText().equals("url")) {
                    return Optional.of("Bedrock batch jobs take inline (base64) images only, not image URLs");
                }
            }
        }
        return Optional.empty();
    }

    /** The InvokeModel body of one line ({@code modelInput}); call {@link #unsupported} first. */
    static ObjectNode modelInput(ChatRequest request) {
        ObjectNode messages = AnthropicBodies.request(request);
        messages.remove("model");
        // Bedrock's Messages API has no metadata (user_id); it only tags the request at Anthropic
        messages.remove("metadata");
        ObjectNode body = Json.object().put("anthropic_version", ANTHROPIC_VERSION);
        body.setAll(messages);
        return body;
    }

    /** One line's {@code modelOutput} (the InvokeModel answer) as a canonical response. */
    static ChatResponse modelOutput(JsonNode output, String modelId) {
        ChatResponse r = AnthropicBodies.response(output);
        return r.model() == null ? r.withModel(modelId) : r;
    }
}
