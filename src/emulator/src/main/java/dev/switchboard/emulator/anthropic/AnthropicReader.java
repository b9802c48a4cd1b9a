package dev.switchboard.emulator.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.behavior.Conversation;
import dev.switchboard.emulator.behavior.Conversation.ToolChoice;

/** Messages API request → {@link Conversation}. */
final class AnthropicReader {

    private AnthropicReader() {}

    static Conversation read(JsonNode body) {
        Conversation.Builder b = Conversation.builder();
        b.countText(text(body.path("system")));
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            boolean user = message.path("role").asText().equals("user");
            if (user && hasToolResult(content)) {
                for (JsonNode block : content) {
                    if (block.path("type").asText().equals("tool_result")) {
                        String result = text(block.path("content"));
                        b.countText(result).toolResult(result);
                    } else {
                        b.countText(block.path("text").asText(null));
                    }
                }
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
        for (JsonNode tool : body.path("tools")) {
            // server tools (web_search, code_execution, ...) have a type and no input_schema
            if (tool.has("input_schema")) {
                b.tool(tool.path("name").asText(), tool.path("input_schema"));
            }
        }
        JsonNode choice = body.path("tool_choice");
        b.toolChoice(
                switch (choice.path("type").asText("auto")) {
                    case "none" -> ToolChoice.NONE;
                    case "any" -> ToolChoice.REQUIRED;
                    case "tool" -> ToolChoice.forced(choice.path("name").asText());
                    default -> ToolChoice.AUTO;
                });
        JsonNode max = body.get("max_tokens");
        b.maxTokens(max != null && max.canConvertToInt() ? max.asInt() : null);
        String thinking = body.path("thinking").path("type").asText("disabled");
        b.thinking(thinking.equals("enabled") || thinking.equals("adaptive"));
        b.jsonOutput(body.path("output_format").path("type").asText("").equals("json_schema"));
        return b.build();
    }

    private static boolean hasToolResult(JsonNode content) {
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("tool_result")) {
                return true;
            }
        }
        return false;
    }

    /** A string, or the text blocks of a block array joined by newlines. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("text")) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(block.path("text").asText());
            }
        }
        return sb.toString();
    }
}
