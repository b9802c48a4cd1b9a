package dev.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.ReasoningConfig;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.AutoToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.JsonSchemaDefinition;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.OutputConfig;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormat;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatStructure;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatType;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/**
 * Canonical request → Converse / ConverseStream request. Stateless.
 *
 * <ul>
 *   <li>system and developer messages become {@code system} blocks; tool results become {@code toolResult} blocks
 *       of a user message; consecutive messages of one role are merged (Converse wants user/assistant turns).</li>
 *   <li>Images must be inline bytes: the gateway does not fetch URLs on a caller's behalf (SSRF), and Converse
 *       takes no URLs except S3.</li>
 *   <li>A text part's {@code cache_control} / {@code prompt_cache_breakpoint} hint becomes a {@code cachePoint}
 *       block right after it.</li>
 *   <li>Reasoning becomes Anthropic's {@code thinking} in additionalModelRequestFields (Claude only); signed
 *       reasoning parts of earlier turns go back as {@code reasoningContent}.</li>
 *   <li>{@code response_format: json_schema} becomes {@code outputConfig.textFormat} (Bedrock structured output);
 *       json_object has no Bedrock equivalent and is refused.</li>
 *   <li>Extensions: the Converse fields in {@link BedrockExtensions}; anything else — in practice OpenAI-only
 *       parameters — is refused naming the parameter.</li>
 *   <li>Not mapped, on purpose: {@code seed} (no Bedrock equivalent; best-effort in OpenAI's own contract),
 *       {@code user} and {@code parallel_tool_calls} (no Converse field).</li>
 * </ul>
 */
final class BedrockRequestMapping {

    /** Claude and Nova take {@code toolResult.status}; other Converse models may reject the field. */
    private static final List<String> TOOL_STATUS_FAMILIES = List.of("anthropic.", "amazon.nova");

    private BedrockRequestMapping() {}

    /** The parts both request kinds share. */
    record ConverseParts(
            List<SystemContentBlock> system,
            List<Message> messages,
            InferenceConfiguration inference,
            ToolConfiguration tools,
            Document additionalFields,
            OutputConfig output,
            BedrockExtensions extensions) {}

    static ConverseRequest toConverse(ChatRequest request) {
        ConverseParts p = parts(request);
        ConverseRequest.Builder b = ConverseRequest.builder()
                .modelId(request.model())
                .messages(p.messages())
                .inferenceConfig(p.inference())
                .toolConfig(p.tools())
                .additionalModelRequestFields(p.additionalFields())
                .outputConfig(p.output())
                .guardrailConfig(p.extensions().guardrail())
                .performanceConfig(p.extensions().performance());
        if (!p.system().isEmpty()) b.system(p.system());
        return b.build();
    }

    static ConverseStreamRequest toConverseStream(ChatRequest request) {
        ConverseParts p = parts(request);
        ConverseStreamRequest.Builder b = ConverseStreamRequest.builder()
                .modelId(request.model())
                .messages(p.messages())
                .inferenceConfig(p.inference())
                .toolConfig(p.tools())
                .additionalModelRequestFields(p.additionalFields())
                .outputConfig(p.output())
                .guardrailConfig(p.extensions().streamGuardrail())
                .performanceConfig(p.extensions().performance());
        if (!p.system().isEmpty()) b.system(p.system());
        return b.build();
    }

    static ConverseParts parts(ChatRequest request) {
        BedrockExtensions extensions = BedrockExtensions.from(request.extensions());
        List<SystemContentBlock> system = new ArrayList<>();
        List<Message> messages = messages(request, system);
        return new ConverseParts(
                system,
                messages,
                inference(request),
                tools(request),
                additionalFields(request, extensions.additionalModelRequestFields()),
                output(request.responseFormat()),
                extensions);
    }

    private static List<Message> messages(ChatRequest request, List<SystemContentBlock> system) {
        boolean toolStatus = TOOL_STATUS_FAMILIES.stream().anyMatch(request.model()::contains);
        List<Message> out = new ArrayList<>();
        List<dev.switchboard.core.model.Message> in = request.messages();
        for (int i = 0; i < in.size(); i++) {
            dev.switchboard.core.model.Message m = in.get(i);
            String path = "messages[" + i + "]";
            if (m.role().isInstruction()) {
                systemBlocks(m, path, system);
                continue;
            }
            List<ContentBlock> blocks = switch (m.role()) {
                case ASSISTANT -> assistantBlocks(m, path);
                default -> userBlocks(m, path, toolStatus);
            };
            if (blocks.isEmpty()) continue;
            ConversationRole role = m.role() == Role.ASSISTANT ? ConversationRole.ASSISTANT : ConversationRole.USER;
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).role() == role) {
                List<ContentBlock> merged = new ArrayList<>(out.get(last).content());
                merged.addAll(blocks);
                out.set(last, Message.builder().role(role).content(merged).build());
            } else {
                out.add(Message.builder().role(role).content(blocks).build());
            }
        }
        return out;
    }

    private static void systemBlocks(dev.switchboard.core.model.Message m, String path, List<SystemContentBlock> out) {
        for (int j = 0; j < m.content().size(); j++) {
            if (!(m.content().get(j) instanceof ContentPart.Text t)) {
                throw InvalidRequest.forParam(
                        path + ".content[" + j + "]", "system and developer messages may hold only text.");
            }
            if (t.text().isEmpty()) continue;
            out.add(SystemContentBlock.fromText(t.text()));
            CachePointBlock cache = cachePoint(t);
            if (cache != null) out.add(SystemContentBlock.fromCachePoint(cache));
        }
    }

    /** User and tool messages: both are the user's turn in Converse. */
    private static List<ContentBlock> userBlocks(
            dev.switchboard.core.model.Message m, String path, boolean toolStatus) {
        List<ContentBlock> out = new ArrayList<>();
        for (int j = 0; j < m.content().size(); j++) {
            String partPath = path + ".content[" + j + "]";
            switch (m.content().get(j)) {
                case ContentPart.Text t -> text(t, out);
                case ContentPart.Image img -> out.add(ContentBlock.fromImage(image(img, partPath)));
                case ContentPart.ToolResult r -> out.add(ContentBlock.fromToolResult(toolResult(r, path, toolStatus)));
                case ContentPart.ToolCall c ->
                    throw InvalidRequest.forParam(partPath, "only assistant messages may hold tool calls.");
                case ContentPart.Reasoning r -> {
                    /* reasoning belongs to assistant turns; a user copy carries nothing */
                }
            }
        }
        return out;
    }

    private static List<ContentBlock> assistantBlocks(dev.switchboard.core.model.Message m, String path) {
        List<ContentBlock> out = new ArrayList<>();
        for (int j = 0; j < m.content().size(); j++) {
            switch (m.content().get(j)) {
                case ContentPart.Text t -> text(t, out);
                case ContentPart.ToolCall c ->
                    out.add(ContentBlock.fromToolUse(toolUse(c, path + ".tool_calls[" + j + "]")));
                case ContentPart.Reasoning r -> {
                    ReasoningContentBlock block = reasoning(r);
                    if (block != null) out.add(ContentBlock.fromReasoningContent(block));
                }
                case ContentPart.Image img ->
                    throw InvalidRequest.forParam(
                            path + ".content[" + j + "]", "assistant messages cannot hold images on Amazon Bedrock.");
                case ContentPart.ToolResult r ->
                    throw InvalidRequest.forParam(
                            path + ".content[" + j + "]", "tool results belong in tool messages.");
            }
        }
        return out;
    }

    /** Converse rejects blank text blocks, and OpenAI clients send "" beside tool calls; such parts are dropped. */
    private static void text(ContentPart.Text t, List<ContentBlock> out) {
        if (t.text().isEmpty()) return;
        out.add(ContentBlock.fromText(t.text()));
        CachePointBlock cache = cachePoint(t);
        if (cache != null) out.add(ContentBlock.fromCachePoint(cache));
    }

    /** A breakpoint after this text, or null. A ttl of "5m" or "1h" in cache_control is kept. */
    private static CachePointBlock cachePoint(ContentPart.Text t) {
        JsonNode cc = t.extensions().get("cache_control");
        JsonNode breakpoint = t.extensions().get("prompt_cache_breakpoint");
        boolean wanted = (cc != null && !cc.isNull() && !(cc.isBoolean() && !cc.booleanValue()))
                || (breakpoint != null
                        && !breakpoint.isNull()
                        && !(breakpoint.isBoolean() && !breakpoint.booleanValue()));
        if (!wanted) return null;
        CachePointBlock.Builder b = CachePointBlock.builder().type(CachePointType.DEFAULT);
        String ttl = cc == null ? null : Json.text(cc, "ttl");
        if ("5m".equals(ttl) || "1h".equals(ttl)) b.ttl(ttl);
        return b.build();
    }

    private static ImageBlock image(ContentPart.Image img, String path) {
        return switch (img.source()) {
            case ContentPart.ImageSource.Url u ->
                throw InvalidRequest.forParam(
                        path + ".image_url",
                        "Amazon Bedrock takes images as bytes and the gateway does not fetch image URLs; "
                                + "send the image inline as a base64 data: URI.");
            case ContentPart.ImageSource.Inline i -> {
                byte[] bytes;
                try {
                    bytes = Base64.getMimeDecoder().decode(i.base64());
                } catch (IllegalArgumentException e) {
                    throw InvalidRequest.forParam(path + ".image_url", "the image data is not valid base64.");
                }
                yield ImageBlock.builder()
                        .format(imageFormat(i.mediaType(), path))
                        .source(s -> s.bytes(SdkBytes.fromByteArrayUnsafe(bytes)))
                        .build();
            }
        };
    }

    private static ImageFormat imageFormat(String mediaType, String path) {
        return switch (mediaType.toLowerCase(Locale.ROOT)) {
            case "image/jpeg", "image/jpg" -> ImageFormat.JPEG;
            case "image/png" -> ImageFormat.PNG;
            case "image/gif" -> ImageFormat.GIF;
            case "image/webp" -> ImageFormat.WEBP;
            default ->
                throw InvalidRequest.forParam(
                        path + ".image_url",
                        "Amazon Bedrock accepts jpeg, png, gif and webp " + "images, not " + mediaType + ".");
        };
    }

    private static ToolResultBlock toolResult(ContentPart.ToolResult r, String path, boolean withStatus) {
        if (r.toolCallId() == null) {
            throw InvalidRequest.forParam(path + ".tool_call_id", "a tool result needs the id of the call it answers.");
        }
        ToolResultBlock.Builder b = ToolResultBlock.builder()
                .toolUseId(r.toolCallId())
                .content(ToolResultContentBlock.fromText(r.content()));
        if (withStatus) b.status(r.isError() ? ToolResultStatus.ERROR : ToolResultStatus.SUCCESS);
        return b.build();
    }

    private static ToolUseBlock toolUse(ContentPart.ToolCall c, String path) {
        if (c.id() == null) throw InvalidRequest.forParam(path + ".id", "a tool call needs an id on Amazon Bedrock.");
        JsonNode input = Json.tryParse(c.arguments());
        if (input == null || !input.isObject()) {
            throw InvalidRequest.forParam(path + ".function.arguments", "tool call arguments must be a JSON object.");
        }
        return ToolUseBlock.builder()
                .toolUseId(c.id())
                .name(c.name())
                .input(BedrockDocuments.toDocument(input))
                .build();
    }

    /**
     * Signed reasoning (and redacted blocks) go back so Claude can verify its own thinking; unsigned text — from
     * another provider, or shown without a signature — cannot be verified and is left out.
     */
    private static ReasoningContentBlock reasoning(ContentPart.Reasoning r) {
        if (r.redactedData() != null) {
            return ReasoningContentBlock.fromRedactedContent(
                    SdkBytes.fromByteArray(Base64.getDecoder().decode(r.redactedData())));
        }
        if (r.signature() == null) return null;
        return ReasoningContentBlock.fromReasoningText(ReasoningTextBlock.builder()
                .text(r.text() == null ? "" : r.text())
                .signature(r.signature())
                .build());
    }

    private static InferenceConfiguration inference(ChatRequest r) {
        if (r.maxTokens() == null
                && r.temperature() == null
                && r.topP() == null
                && r.stop().isEmpty()) return null;
        InferenceConfiguration.Builder b =
                InferenceConfiguration.builder().maxTokens(r.maxTokens()).topP(floatOrNull(r.topP()));
        // OpenAI allows temperatures up to 2; every Converse model takes 0..1.
        if (r.temperature() != null) b.temperature((float) Math.min(1.0, Math.max(0.0, r.temperature())));
        if (!r.stop().isEmpty()) b.stopSequences(r.stop());
        return b.build();
    }

    private static ToolConfiguration tools(ChatRequest r) {
        // tool_choice none: the tools are withheld. (A history holding tool calls then fails Bedrock's validation,
        // which reaches the caller as a 400 naming the problem.)
        if (r.tools().isEmpty() || r.toolChoice() instanceof dev.switchboard.core.model.ToolChoice.None) return null;
        List<Tool> tools = new ArrayList<>();
        for (ToolSpec t : r.tools()) {
            JsonNode schema = t.parameters() != null
                    ? t.parameters()
                    : Json.object().put("type", "object").set("properties", Json.object());
            tools.add(Tool.fromToolSpec(ToolSpecification.builder()
                    .name(t.name())
                    .description(t.description())
                    .strict(t.strict())
                    .inputSchema(ToolInputSchema.fromJson(BedrockDocuments.toDocument(schema)))
                    .build()));
        }
        ToolConfiguration.Builder b = ToolConfiguration.builder().tools(tools);
        if (r.toolChoice() != null) {
            b.toolChoice(
                    switch (r.toolChoice()) {
                        case dev.switchboard.core.model.ToolChoice.Auto a ->
                            ToolChoice.fromAuto(AutoToolChoice.builder().build());
                        case dev.switchboard.core.model.ToolChoice.Required req ->
                            ToolChoice.fromAny(AnyToolChoice.builder().build());
                        case dev.switchboard.core.model.ToolChoice.Tool t ->
                            ToolChoice.fromTool(
                                    SpecificToolChoice.builder().name(t.name()).build());
                        case dev.switchboard.core.model.ToolChoice.None n ->
                            throw new IllegalStateException("handled above");
                    });
        }
        return b.build();
    }

    /**
     * Model-specific fields. Reasoning is mapped for Claude only — {@code thinking: {type: enabled, budget_tokens}},
     * the budget from the caller or derived from the effort, at least Anthropic's minimum of 1024 — because the other
     * Bedrock families spell it differently or cannot switch it; asking them for reasoning is refused rather than
     * silently ignored.
     */
    private static Document additionalFields(ChatRequest r, JsonNode fromExtension) {
        ObjectNode fields = fromExtension == null ? Json.object() : (ObjectNode) fromExtension.deepCopy();
        ReasoningConfig reasoning = r.reasoning();
        if (reasoning != null && !reasoning.disabled() && !fields.has("thinking")) {
            if (!r.model().contains("anthropic.")) {
                throw InvalidRequest.forParam(
                        reasoning.budgetTokens() != null ? "thinking" : "reasoning_effort",
                        "reasoning settings are supported for Anthropic Claude models on Amazon Bedrock only, not for "
                                + r.model() + ".");
            }
            // Unknown efforts (e.g. "xhigh") get the largest budget rather than the smallest.
            int budget = Math.max(1024, reasoning.budgetOr(32_768));
            fields.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        }
        return fields.isEmpty() ? null : BedrockDocuments.toDocument(fields);
    }

    private static OutputConfig output(ResponseFormat format) {
        return switch (format) {
            case null -> null;
            case ResponseFormat.Text t -> null;
            case ResponseFormat.JsonObject j ->
                throw InvalidRequest.forParam(
                        "response_format",
                        "response_format json_object is not supported by Amazon Bedrock; use json_schema with a schema.");
            case ResponseFormat.JsonSchema s ->
                OutputConfig.builder()
                        .textFormat(OutputFormat.builder()
                                .type(OutputFormatType.JSON_SCHEMA)
                                .structure(OutputFormatStructure.fromJsonSchema(JsonSchemaDefinition.builder()
                                        .name(s.name())
                                        .description(s.description())
                                        .schema(Json.write(s.schema()))
                                        .build()))
                                .build())
                        .build();
        };
    }

    private static Float floatOrNull(Double d) {
        return d == null ? null : d.floatValue();
    }
}
