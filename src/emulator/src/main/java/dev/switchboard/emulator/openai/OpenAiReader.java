package dev.switchboard.emulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.behavior.Conversation;
import dev.switchboard.emulator.behavior.Conversation.ToolChoice;

/** Chat Completions request → {@link Conversation}. */
final class OpenAiReader {

    private OpenAiReader() {}

    static Conversation read(JsonNode body) {
        Conversation.Builder b = Conversation.builder();
        for (JsonNode message : body.path("messages")) {
            String text = text(message.path("content"));
            b.countText(text);
            switch (message.path("role").asText()) {
                case "user" -> b.userTurn(text);
                case "tool", "function" -> b.toolResult(text);
                case "assistant" -> b.otherTurn();
                default -> {
                    // system / developer instructions count towards the prompt but are not a turn
                }
            }
        }
        for (JsonNode tool : body.path("tools")) {
            JsonNode fn = tool.path("function");
            if (fn.hasNonNull("name")) {
                b.tool(fn.path("name").asText(), fn.path("parameters"));
            }
        }
        b.toolChoice(toolChoice(body.path("tool_choice")));
        JsonNode max =
                body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        b.maxTokens(max != null && max.canConvertToInt() ? max.asInt() : null);
        String format = body.path("response_format").path("type").asText("");
        b.jsonOutput(format.equals("json_object") || format.equals("json_schema"));
        String effort = body.path("reasoning_effort").asText("none");
        b.thinking(!effort.equals("none") && !effort.isEmpty());
        return b.build();
    }

    private static ToolChoice toolChoice(JsonNode choice) {
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> ToolChoice.AUTO;
            };
        }
        String name = choice.path("function").path("name").asText(null);
        return name == null ? ToolChoice.AUTO : ToolChoice.forced(name);
    }

    /** Content is a string or an array of parts; only text parts count. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(part.path("text").asText());
            }
        }
        return sb.toString();
    }
}
