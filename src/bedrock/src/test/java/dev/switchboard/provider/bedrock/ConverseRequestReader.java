package dev.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ReasoningConfig;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolChoice;
import dev.switchboard.core.model.ToolSpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test side: a recorded Converse body → the canonical request that should make the adapter send it again. The
 * inverse of BedrockRequestMapping for what the canonical model can express; what it cannot (document blocks,
 * Nova system tools, a cache point after the tool list) is skipped here and named in
 * {@link BedrockConformanceTest#INEXPRESSIBLE}.
 */
final class ConverseRequestReader {
    private ConverseRequestReader() {}

    /** {@code path} is /model/{url-encoded id}/converse[-stream]. */
    static ChatRequest read(String path, JsonNode body) {
        String encoded = path.substring("/model/".length(), path.lastIndexOf('/'));
        ChatRequest.Builder b = ChatRequest.builder().model(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        List<Message> messages = new ArrayList<>();
        List<ContentPart> system = textParts(body.path("system"));
        if (!system.isEmpty()) messages.add(new Message(Role.SYSTEM, system));
        for (JsonNode m : body.path("messages")) messages.addAll(message(m));
        b.messages(messages);

        JsonNode inference = body.path("inferenceConfig");
        if (inference.has("maxTokens")) b.maxTokens(inference.get("maxTokens").asInt());
        if (inference.has("temperature"))
            b.temperature(inference.get("temperature").asDouble());
        if (inference.has("topP")) b.topP(inference.get("topP").asDouble());
        List<String> stop = new ArrayList<>();
        inference.path("stopSequences").forEach(s -> stop.add(s.asText()));
        b.stop(stop);

        tools(body.path("toolConfig"), b);

        JsonNode additional = body.get("additionalModelRequestFields");
        if (additional != null && additional.isObject()) {
            JsonNode rest = additional.deepCopy();
            JsonNode thinking = ((com.fasterxml.jackson.databind.node.ObjectNode) rest).remove("thinking");
            if (thinking != null && "enabled".equals(Json.text(thinking, "type"))) {
                b.reasoning(
                        new ReasoningConfig(null, thinking.path("budget_tokens").asInt()));
            }
            if (!rest.isEmpty()) b.extension("additionalModelRequestFields", rest);
        }
        for (String field : List.of("guardrailConfig", "performanceConfig")) {
            if (body.hasNonNull(field)) b.extension(field, body.get(field));
        }
        JsonNode format = body.path("outputConfig").path("textFormat");
        if ("json_schema".equals(Json.text(format, "type"))) {
            JsonNode schema = format.path("structure").path("jsonSchema");
            b.responseFormat(new ResponseFormat.JsonSchema(
                    Json.text(schema, "name"),
                    Json.text(schema, "description"),
                    Json.parse(Json.text(schema, "schema")),
                    null));
        }
        return b.build();
    }

    /** One Converse message may become several canonical ones: tool results travel in tool messages. */
    private static List<Message> message(JsonNode m) {
        boolean assistant = "assistant".equals(Json.text(m, "role"));
        List<Message> out = new ArrayList<>();
        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode block : m.path("content")) {
            if (block.has("toolResult")) {
                if (!parts.isEmpty()) out.add(new Message(Role.USER, parts));
                parts = new ArrayList<>();
                JsonNode r = block.get("toolResult");
                StringBuilder text = new StringBuilder();
                r.path("content")
                        .forEach(c -> text.append(
                                c.has("json")
                                        ? Json.write(c.get("json"))
                                        : c.path("text").asText()));
                out.add(new Message(
                        Role.TOOL,
                        List.of(new ContentPart.ToolResult(
                                Json.text(r, "toolUseId"), text.toString(), "error".equals(Json.text(r, "status"))))));
            } else if (block.has("text")) {
                parts.add(new ContentPart.Text(block.get("text").asText()));
            } else if (block.has("cachePoint")) {
                markCachePoint(parts);
            } else if (block.has("image")) {
                JsonNode img = block.get("image");
                parts.add(ContentPart.Image.inline(
                        "image/" + Json.text(img, "format"),
                        img.path("source").path("bytes").asText()));
            } else if (block.has("toolUse")) {
                JsonNode t = block.get("toolUse");
                parts.add(new ContentPart.ToolCall(
                        Json.text(t, "toolUseId"), Json.text(t, "name"), Json.write(t.get("input"))));
            } else if (block.has("reasoningContent")) {
                JsonNode r = block.get("reasoningContent");
                JsonNode text = r.path("reasoningText");
                parts.add(new ContentPart.Reasoning(
                        Json.text(text, "text"), Json.text(text, "signature"), Json.text(r, "redactedContent")));
            }
            // document blocks: not expressible canonically (see BedrockConformanceTest.INEXPRESSIBLE)
        }
        if (!parts.isEmpty() || out.isEmpty()) out.add(new Message(assistant ? Role.ASSISTANT : Role.USER, parts));
        return out;
    }

    private static List<ContentPart> textParts(JsonNode blocks) {
        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode block : blocks) {
            if (block.has("text"))
                parts.add(new ContentPart.Text(block.get("text").asText()));
            else if (block.has("cachePoint")) markCachePoint(parts);
        }
        return parts;
    }

    /** A cachePoint block is a breakpoint on the text before it. */
    private static void markCachePoint(List<ContentPart> parts) {
        int last = parts.size() - 1;
        if (last >= 0 && parts.get(last) instanceof ContentPart.Text t) {
            parts.set(
                    last,
                    new ContentPart.Text(
                            t.text(), Map.of("cache_control", Json.object().put("type", "ephemeral"))));
        }
    }

    private static void tools(JsonNode config, ChatRequest.Builder b) {
        if (config.isMissingNode()) return;
        List<ToolSpec> tools = new ArrayList<>();
        for (JsonNode tool : config.path("tools")) {
            JsonNode spec = tool.get("toolSpec");
            if (spec == null) continue; // systemTool / cachePoint entries: see INEXPRESSIBLE
            tools.add(new ToolSpec(
                    Json.text(spec, "name"),
                    Json.text(spec, "description"),
                    spec.path("inputSchema").get("json"),
                    spec.has("strict") ? spec.get("strict").asBoolean() : null));
        }
        b.tools(tools);
        JsonNode choice = config.get("toolChoice");
        if (choice == null) return;
        if (choice.has("auto")) b.toolChoice(ToolChoice.AUTO);
        else if (choice.has("any")) b.toolChoice(ToolChoice.REQUIRED);
        else if (choice.has("tool"))
            b.toolChoice(new ToolChoice.Tool(choice.get("tool").path("name").asText()));
    }
}
