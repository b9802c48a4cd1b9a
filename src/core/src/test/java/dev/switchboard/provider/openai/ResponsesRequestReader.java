package dev.switchboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ReasoningConfig;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolChoice;
import dev.switchboard.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test side only: a recorded Responses API request body → the canonical request that should make the adapter
 * send it again. The gateway has no Responses front door; this reader is lenient and covers what the recorded
 * cases use. What has no canonical field (include, service_tier, reasoning.summary, built-in tools) becomes an
 * extension, as a programmatic caller of the core would pass it.
 */
final class ResponsesRequestReader {
    private static final Set<String> MAPPED = Set.of(
            "model",
            "instructions",
            "input",
            "tools",
            "tool_choice",
            "text",
            "temperature",
            "top_p",
            "max_output_tokens",
            "user",
            "parallel_tool_calls",
            "reasoning",
            "stream");

    private ResponsesRequestReader() {}

    static ChatRequest read(JsonNode body) {
        ChatRequest.Builder b = ChatRequest.builder().model(Json.text(body, "model"));
        List<Message> messages = new ArrayList<>();
        String instructions = Json.text(body, "instructions");
        if (instructions != null && !instructions.isEmpty()) messages.add(Message.system(instructions));
        input(body.get("input"), messages);
        b.messages(messages);
        tools(body.get("tools"), b);
        b.toolChoice(toolChoice(body.get("tool_choice")));
        text(body.get("text"), b);
        if (body.hasNonNull("temperature"))
            b.temperature(body.get("temperature").asDouble());
        if (body.hasNonNull("top_p")) b.topP(body.get("top_p").asDouble());
        if (body.hasNonNull("max_output_tokens"))
            b.maxTokens(body.get("max_output_tokens").asInt());
        b.user(Json.text(body, "user"));
        if (body.hasNonNull("parallel_tool_calls"))
            b.parallelToolCalls(body.get("parallel_tool_calls").asBoolean());
        reasoning(body.get("reasoning"), b);
        body.fields().forEachRemaining(e -> {
            if (!MAPPED.contains(e.getKey()) && !e.getValue().isNull()) b.extension(e.getKey(), e.getValue());
        });
        return b.build();
    }

    private static void input(JsonNode input, List<Message> out) {
        if (input == null || input.isNull()) return;
        if (input.isTextual()) {
            out.add(Message.user(input.asText()));
            return;
        }
        for (JsonNode item : input) {
            String type = Json.text(item, "type");
            if (type == null || type.equals("message")) {
                Role role = Role.fromWire(Json.text(item, "role"));
                out.add(new Message(role, content(item.get("content"))));
            } else if (type.equals("function_call")) {
                ContentPart.ToolCall call = new ContentPart.ToolCall(
                        Json.text(item, "call_id"), Json.text(item, "name"), Json.text(item, "arguments"));
                // Calls following assistant text belong to that assistant turn.
                Message last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last != null && last.role() == Role.ASSISTANT) {
                    List<ContentPart> parts = new ArrayList<>(last.content());
                    parts.add(call);
                    out.set(out.size() - 1, new Message(Role.ASSISTANT, parts));
                } else {
                    out.add(new Message(Role.ASSISTANT, List.of(call)));
                }
            } else if (type.equals("function_call_output")) {
                out.add(Message.toolResult(Json.text(item, "call_id"), Json.text(item, "output")));
            } else {
                throw new IllegalArgumentException("input item type not covered by this test reader: " + type);
            }
        }
    }

    private static List<ContentPart> content(JsonNode content) {
        if (content.isTextual()) return List.of(new ContentPart.Text(content.asText()));
        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode p : content) {
            switch (p.path("type").asText()) {
                case "input_text", "output_text" -> parts.add(new ContentPart.Text(Json.text(p, "text")));
                case "input_image" ->
                    parts.add(new ContentPart.Image(
                            ContentPart.ImageSource.parse(Json.text(p, "image_url")), Json.text(p, "detail")));
                default ->
                    throw new IllegalArgumentException(
                            "content type not covered: " + p.path("type").asText());
            }
        }
        return parts;
    }

    /** Function tools are canonical; built-in tools (file_search, web_search) travel as the tools extension. */
    private static void tools(JsonNode tools, ChatRequest.Builder b) {
        if (tools == null || tools.isNull()) return;
        List<ToolSpec> specs = new ArrayList<>();
        ArrayNode builtIn = Json.array();
        for (JsonNode t : tools) {
            if ("function".equals(Json.text(t, "type"))) {
                JsonNode params = t.get("parameters");
                specs.add(new ToolSpec(
                        Json.text(t, "name"),
                        Json.text(t, "description"),
                        params == null || params.isNull() ? null : params,
                        t.hasNonNull("strict") ? t.get("strict").asBoolean() : null));
            } else {
                builtIn.add(t);
            }
        }
        b.tools(specs);
        if (!builtIn.isEmpty()) b.extension("tools", builtIn);
    }

    private static ToolChoice toolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) return null;
        if (choice.isObject()) return new ToolChoice.Tool(Json.text(choice, "name"));
        return switch (choice.asText()) {
            case "none" -> ToolChoice.NONE;
            case "required" -> ToolChoice.REQUIRED;
            default -> ToolChoice.AUTO;
        };
    }

    private static void text(JsonNode text, ChatRequest.Builder b) {
        if (text == null || text.isNull()) return;
        ObjectNode rest = text.deepCopy();
        JsonNode format = rest.remove("format");
        if (format != null && !format.isNull()) {
            b.responseFormat(
                    switch (format.path("type").asText()) {
                        case "json_object" -> ResponseFormat.JSON_OBJECT;
                        case "json_schema" ->
                            new ResponseFormat.JsonSchema(
                                    Json.text(format, "name"),
                                    Json.text(format, "description"),
                                    format.get("schema"),
                                    format.hasNonNull("strict")
                                            ? format.get("strict").asBoolean()
                                            : null);
                        default -> ResponseFormat.TEXT;
                    });
        }
        if (!rest.isEmpty()) b.extension("text", rest);
    }

    /** effort is canonical; summary (and anything else) rides along as the reasoning extension. */
    private static void reasoning(JsonNode reasoning, ChatRequest.Builder b) {
        if (reasoning == null || reasoning.isNull()) return;
        String effort = Json.text(reasoning, "effort");
        if (effort != null) b.reasoning(new ReasoningConfig(effort, null));
        ObjectNode rest = Json.object();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) reasoning::fields) {
            if (!e.getKey().equals("effort") && !e.getValue().isNull()) rest.set(e.getKey(), e.getValue());
        }
        if (!rest.isEmpty()) b.extension("reasoning", rest);
    }
}
