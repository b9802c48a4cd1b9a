package dev.switchboard.emulator.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.behavior.Conversation;
import dev.switchboard.emulator.behavior.Conversation.ToolChoice;
import dev.switchboard.emulator.behavior.Json;

/** Converse / ConverseStream request → {@link Conversation}. */
final class BedrockReader {

    private BedrockReader() {}

    static Conversation read(JsonNode body) {
        Conversation.Builder b = Conversation.builder();
        b.countText(text(body.path("system")));
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            boolean user = message.path("role").asText().equals("user");
            boolean toolResults = false;
            for (JsonNode block : content) {
                if (user && block.has("toolResult")) {
                    toolResults = true;
                    String result = text(block.path("toolResult").path("content"));
                    b.countText(result).toolResult(result);
                }
            }
            if (toolResults) {
                b.countText(text(content));
                continue;
            }
            String text = text(content);
            b.countText(text);
            if (user) {
                b.userTurn(text);
            } else {
                b.otherTurn();
            }
        }
        JsonNode toolConfig = body.path("toolConfig");
        for (JsonNode tool : toolConfig.path("tools")) {
            JsonNode spec = tool.path("toolSpec");
            if (spec.has("name")) {
                b.tool(spec.path("name").asText(), spec.path("inputSchema").path("json"));
            }
        }
        JsonNode choice = toolConfig.path("toolChoice");
        if (choice.has("any")) {
            b.toolChoice(ToolChoice.REQUIRED);
        } else if (choice.has("tool")) {
            b.toolChoice(ToolChoice.forced(choice.path("tool").path("name").asText()));
        }
        JsonNode max = body.path("inferenceConfig").path("maxTokens");
        b.maxTokens(max.canConvertToInt() ? max.asInt() : null);
        b.thinking(thinkingRequested(body.path("additionalModelRequestFields")));
        return b.build();
    }

    /** Anthropic models take {@code thinking}, Nova takes {@code reasoningConfig}. */
    private static boolean thinkingRequested(JsonNode fields) {
        String anthropic = fields.path("thinking").path("type").asText("");
        String nova = Json.field(fields, "reasoningConfig", "reasoning_config")
                .path("type")
                .asText("");
        return anthropic.equals("enabled") || anthropic.equals("adaptive") || nova.equals("enabled");
    }

    /** Text blocks joined by newlines; {@code json} tool-result blocks as their JSON text. */
    static String text(JsonNode blocks) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : blocks) {
            String piece = block.has("text")
                    ? block.path("text").asText()
                    : block.has("json") ? Json.text(block.path("json")) : null;
            if (piece != null) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(piece);
            }
        }
        return sb.toString();
    }
}
