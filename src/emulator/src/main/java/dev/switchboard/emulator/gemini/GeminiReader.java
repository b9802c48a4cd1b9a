package dev.switchboard.emulator.gemini;

import static dev.switchboard.emulator.behavior.Json.field;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.behavior.Conversation;
import dev.switchboard.emulator.behavior.Conversation.ToolChoice;
import dev.switchboard.emulator.behavior.Json;

/**
 * Gemini {@code GenerateContentRequest} JSON → {@link Conversation}. Field names are read in both camelCase
 * and snake_case because the API accepts both (the Python SDK sends some snake_case keys). The Vertex front
 * end reuses this reader on the proto's JSON form.
 */
public final class GeminiReader {

    private GeminiReader() {}

    public static Conversation read(JsonNode body) {
        Conversation.Builder b = Conversation.builder();
        b.countText(text(field(body, "systemInstruction", "system_instruction").path("parts")));
        for (JsonNode content : body.path("contents")) {
            JsonNode parts = content.path("parts");
            boolean functionResponses = false;
            for (JsonNode part : parts) {
                JsonNode response = field(part, "functionResponse", "function_response");
                if (!response.isMissingNode()) {
                    functionResponses = true;
                    String result = Json.text(response.path("response"));
                    b.countText(result).toolResult(result);
                }
            }
            if (functionResponses) {
                continue;
            }
            String text = text(parts);
            b.countText(text);
            if (content.path("role").asText("user").equals("model")) {
                b.otherTurn();
            } else {
                b.userTurn(text);
            }
        }
        for (JsonNode tool : body.path("tools")) {
            for (JsonNode fn : field(tool, "functionDeclarations", "function_declarations")) {
                JsonNode schema = field(fn, "parametersJsonSchema", "parameters_json_schema", "parameters");
                b.tool(fn.path("name").asText(), schema);
            }
        }
        JsonNode calling =
                field(field(body, "toolConfig", "tool_config"), "functionCallingConfig", "function_calling_config");
        JsonNode allowed = field(calling, "allowedFunctionNames", "allowed_function_names");
        b.toolChoice(
                switch (calling.path("mode").asText("AUTO")) {
                    case "NONE" -> ToolChoice.NONE;
                    case "ANY", "VALIDATED" ->
                        allowed.isArray() && !allowed.isEmpty()
                                ? ToolChoice.forced(allowed.get(0).asText())
                                : ToolChoice.REQUIRED;
                    default -> ToolChoice.AUTO;
                });
        JsonNode config = field(body, "generationConfig", "generation_config");
        JsonNode max = field(config, "maxOutputTokens", "max_output_tokens");
        b.maxTokens(max.canConvertToInt() ? max.asInt() : null);
        b.jsonOutput(field(config, "responseMimeType", "response_mime_type")
                .asText("")
                .equals("application/json"));
        JsonNode thinking = field(config, "thinkingConfig", "thinking_config");
        b.thinking(field(thinking, "includeThoughts", "include_thoughts").asBoolean(false));
        return b.build();
    }

    /** Text parts joined by newlines; thought parts are the model's own and do not count as input text. */
    static String text(JsonNode parts) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : parts) {
            if (part.has("text") && !part.path("thought").asBoolean(false)) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(part.path("text").asText());
            }
        }
        return sb.toString();
    }
}
