package dev.switchboard.provider.bedrock;

import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.Usage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/** Converse answer → canonical response; the finish-reason and usage readings are shared with the stream codec. */
final class BedrockResponseMapping {
    private BedrockResponseMapping() {}

    /**
     * Converse returns no response id; the AWS request id stands in for it (it is what AWS support asks for). The
     * model is not echoed either, so it stays null and the gateway reports the id it called.
     */
    static ChatResponse fromConverse(ConverseResponse r) {
        List<ContentPart> parts = new ArrayList<>();
        if (r.output() != null && r.output().message() != null) {
            for (ContentBlock block : r.output().message().content()) {
                ContentPart part = part(block);
                if (part != null) parts.add(part);
            }
        }
        String raw = r.stopReasonAsString();
        return new ChatResponse(
                requestId(r), null, new Message(Role.ASSISTANT, parts), finishReason(raw), raw, usage(r.usage()));
    }

    /** The x-amzn-RequestId of an answer; null when the SDK has none (the SDK says "UNKNOWN" then, too). */
    static String requestId(BedrockRuntimeResponse r) {
        var metadata = r.responseMetadata();
        String id = metadata == null ? null : metadata.requestId();
        return id == null || "UNKNOWN".equals(id) ? null : id;
    }

    /** Text, tool calls and reasoning; other blocks (citations, images, tool results of server tools) are skipped. */
    private static ContentPart part(ContentBlock block) {
        if (block.text() != null) return block.text().isEmpty() ? null : new ContentPart.Text(block.text());
        if (block.toolUse() != null) return toolCall(block.toolUse());
        if (block.reasoningContent() != null) return reasoning(block.reasoningContent());
        return null;
    }

    private static ContentPart.ToolCall toolCall(ToolUseBlock t) {
        String arguments = t.input() == null ? "{}" : Json.write(BedrockDocuments.toJson(t.input()));
        return new ContentPart.ToolCall(t.toolUseId(), t.name() == null ? "" : t.name(), arguments);
    }

    private static ContentPart.Reasoning reasoning(ReasoningContentBlock r) {
        if (r.redactedContent() != null) {
            return new ContentPart.Reasoning(
                    null,
                    null,
                    Base64.getEncoder().encodeToString(r.redactedContent().asByteArray()));
        }
        if (r.reasoningText() == null) return null;
        return new ContentPart.Reasoning(
                r.reasoningText().text(), r.reasoningText().signature(), null);
    }

    static FinishReason finishReason(String raw) {
        if (raw == null) return null;
        return switch (raw) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "guardrail_intervened", "content_filtered" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.UNKNOWN;
        };
    }

    /**
     * OpenAI conventions: input counts every prompt token, cached or not (Bedrock's inputTokens excludes cache
     * reads and writes). Fields Bedrock left out stay null: not reported is not zero. Reasoning tokens are not
     * reported separately by Bedrock and are part of outputTokens.
     */
    static Usage usage(TokenUsage u) {
        if (u == null) return Usage.NOT_REPORTED;
        Long input = u.inputTokens() == null && u.cacheReadInputTokens() == null && u.cacheWriteInputTokens() == null
                ? null
                : nz(u.inputTokens()) + nz(u.cacheReadInputTokens()) + nz(u.cacheWriteInputTokens());
        return new Usage(
                input,
                toLong(u.outputTokens()),
                toLong(u.cacheReadInputTokens()),
                toLong(u.cacheWriteInputTokens()),
                null);
    }

    private static long nz(Integer v) {
        return v == null ? 0 : v;
    }

    private static Long toLong(Integer v) {
        return v == null ? null : v.longValue();
    }
}
