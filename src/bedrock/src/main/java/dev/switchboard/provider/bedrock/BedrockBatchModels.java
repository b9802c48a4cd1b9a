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
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/**
 * What one line of a Bedrock batch job carries. Claude models: the InvokeModel body, the Anthropic Messages body
 * (mapped by the Anthropic adapter, {@link AnthropicBodies}) with {@code anthropic_version} instead of
 * {@code model} — tools work there. Amazon (Nova, Titan), Meta (Llama) and Mistral models: the Converse body (the
 * runtime's own Converse mapping, as JSON), in a job of invocation type Converse, which Bedrock runs without tools.
 * Other vendors are not supported.
 */
final class BedrockBatchModels {
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";
    /** Vendors whose models run in Converse-format batch jobs. */
    private static final Set<String> CONVERSE_VENDORS = Set.of("amazon", "meta", "mistral");

    /** How a job's lines are written. */
    enum Format {
        /** InvokeModel bodies in the Anthropic Messages shape. */
        MESSAGES,
        /** Converse request bodies (job invocation type Converse). */
        CONVERSE
    }
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

    /** The line format for a model, empty when its vendor has none here. */
    static Optional<Format> format(String modelId) {
        String vendor = vendor(modelId);
        if (vendor.equals("anthropic")) return Optional.of(Format.MESSAGES);
        return CONVERSE_VENDORS.contains(vendor) ? Optional.of(Format.CONVERSE) : Optional.empty();
    }

    /** Why {@code request} cannot go into a Bedrock batch job, or empty. */
    static Optional<String> unsupported(ChatRequest request) {
        Optional<Format> format = format(request.model());
        if (format.isEmpty()) {
            String vendor = vendor(request.model());
            return Optional.of("Bedrock batch jobs run Anthropic, Amazon, Meta and Mistral models here; '"
                    + request.model() + "' is "
                    + (vendor.isEmpty() ? "of an unknown model family" : "a " + vendor + " model"));
        }
        return format.get() == Format.CONVERSE ? unsupportedInConverse(request) : unsupportedInMessages(request);
    }

    private static Optional<String> unsupportedInConverse(ChatRequest request) {
        ConverseRequest converse;
        try {
            converse = BedrockRequestMapping.toConverse(request);
        } catch (SwitchboardException e) {
            return Optional.of(e.getMessage());
        }
        if (converse.toolConfig() != null) {
            return Optional.of("Bedrock batch jobs take no tools for " + vendor(request.model())
                    + " models (Converse-format jobs refuse toolConfig)");
        }
        if (converse.guardrailConfig() != null) return Optional.of("Bedrock batch jobs take no guardrail");
        return Optional.empty();
    }

    private static Optional<String> unsupportedInMessages(ChatRequest request) {
        ObjectNode body;
        try {
            body = AnthropicBodies.request(request);
        } catch (SwitchboardException e) {
            return Optional.of(e.getMessage());
        }
        if (body.has("output_config")) {
            return Optional.of(
                    "Bedrock batch jobs take no output_config (structured outputs from response_format json_schema, "
                            + "effort)");
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

    /** The body of one line ({@code modelInput}); call {@link #unsupported} first. */
    static ObjectNode modelInput(ChatRequest request) {
        if (format(request.model()).orElseThrow() == Format.CONVERSE) {
            return BedrockSdkJson.write(BedrockRequestMapping.toConverse(request));
        }
        ObjectNode messages = AnthropicBodies.request(request);
        messages.remove("model");
        // Bedrock's Messages API has no metadata (user_id); it only tags the request at Anthropic
        messages.remove("metadata");
        ObjectNode body = Json.object().put("anthropic_version", ANTHROPIC_VERSION);
        body.setAll(messages);
        return body;
    }

    /** One line's {@code modelOutput} (an InvokeModel or Converse answer) as a canonical response. */
    static ChatResponse modelOutput(JsonNode output, String modelId) {
        ChatResponse r = format(modelId).orElse(Format.MESSAGES) == Format.CONVERSE
                ? BedrockResponseMapping.fromConverse(
                        BedrockSdkJson.read(output, ConverseResponse.builder()).build())
                : AnthropicBodies.response(output);
        return r.model() == null ? r.withModel(modelId) : r;
    }
}
