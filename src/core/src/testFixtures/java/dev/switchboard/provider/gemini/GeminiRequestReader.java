package dev.switchboard.provider.gemini;

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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test side of the conformance suites for Gemini and Vertex: reads a recorded generateContent body (REST JSON,
 * camelCase or snake_case, as google-genai and its recorders write it) back into the canonical request that
 * should make the adapter send it again. A field it does not know fails loudly, so no recorded detail is
 * silently left uncompared.
 *
 * <p>The canonical model has no room for two things recordings contain: multimodal function responses
 * ({@code functionResponse.parts}) and {@code responseModalities: ["TEXT"]} (the default for text models);
 * both are skipped here and declared by the comparing test.
 */
public final class GeminiRequestReader {
    private static final Set<String> TOP_LEVEL = Set.of(
            "contents",
            "systemInstruction",
            "tools",
            "toolConfig",
            "generationConfig",
            "cachedContent",
            "labels",
            "modelArmorConfig",
            "safetySettings");
    private static final Set<String> GENERATION = Set.of(
            "temperature",
            "topP",
            "maxOutputTokens",
            "stopSequences",
            "seed",
            "responseMimeType",
            "responseJsonSchema",
            "responseSchema",
            "thinkingConfig",
            "responseModalities",
            "presencePenalty",
            "frequencyPenalty",
            "responseLogprobs",
            "logprobs",
            "topK");

    private final Map<String, String> callIds = new HashMap<>();
    private final Map<String, Deque<String>> unansweredByName = new HashMap<>();
    private int generatedIds;

    private GeminiRequestReader() {}

    public static ChatRequest read(JsonNode body, String model) {
        return new GeminiRequestReader().request(body, model);
    }

    /** The model id in a recorded path: ".../models/{model}:generateContent". */
    public static String modelFromPath(String path) {
        int start = path.lastIndexOf("/models/") + "/models/".length();
        int end = path.indexOf(':', start);
        return path.substring(start, end < 0 ? path.length() : end);
    }

    private ChatRequest request(JsonNode body, String model) {
        unknown(body, TOP_LEVEL, "request");
        ChatRequest.Builder b = ChatRequest.builder().model(model);
        List<Message> messages = new ArrayList<>();
        JsonNode system = field(body, "systemInstruction");
        if (system != null) {
            List<ContentPart> parts = new ArrayList<>();
            for (JsonNode p : array(system, "parts"))
                parts.add(new ContentPart.Text(p.path("text").asText()));
            messages.add(new Message(Role.SYSTEM, parts));
        }
        for (JsonNode content : array(body, "contents")) {
            if ("model".equals(Json.text(content, "role"))) messages.add(modelMessage(content));
            else messages.addAll(userMessages(content));
        }
        b.messages(messages);
        tools(body, b);
        generationConfig(field(body, "generationConfig"), b);
        extension(body, "cachedContent", "cached_content", b);
        extension(body, "labels", "labels", b);
        extension(body, "modelArmorConfig", "model_armor_config", b);
        extension(body, "safetySettings", "safety_settings", b);
        return b.build();
    }

    private Message modelMessage(JsonNode content) {
        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode p : array(content, "parts")) {
            String signature = text(p, "thoughtSignature");
            JsonNode call = field(p, "functionCall");
            if (call != null) {
                String name = text(call, "name");
                String callId = text(call, "id");
                if (callId == null) callId = "call_recorded_" + (++generatedIds);
                String id = GeminiToolCallIds.encode(callId, signature);
                callIds.put(callId, id);
                unansweredByName.computeIfAbsent(name, k -> new ArrayDeque<>()).add(id);
                JsonNode args = field(call, "args");
                parts.add(new ContentPart.ToolCall(id, name, args == null ? "{}" : Json.write(args)));
            } else if (p.path("thought").asBoolean(false)) {
                parts.add(new ContentPart.Reasoning(text(p, "text"), signature, null));
            } else if (p.has("text")) {
                if (signature != null) parts.add(new ContentPart.Reasoning(null, signature, null));
                parts.add(new ContentPart.Text(text(p, "text")));
            } else {
                throw new IllegalArgumentException(
                        "unsupported model part " + p.fieldNames().next());
            }
        }
        return new Message(Role.ASSISTANT, parts);
    }

    /** Text and images stay one user message; each functionResponse becomes a tool message, in order. */
    private List<Message> userMessages(JsonNode content) {
        List<Message> out = new ArrayList<>();
        List<ContentPart> pending = new ArrayList<>();
        for (JsonNode p : array(content, "parts")) {
            JsonNode response = field(p, "functionResponse");
            if (response != null) {
                if (!pending.isEmpty()) out.add(new Message(Role.USER, List.copyOf(pending)));
                pending.clear();
                out.add(new Message(Role.TOOL, List.of(toolResult(response)), text(response, "name")));
            } else if (p.has("text")) {
                pending.add(new ContentPart.Text(text(p, "text")));
            } else if (field(p, "inlineData") != null) {
                JsonNode data = field(p, "inlineData");
                byte[] bytes = GeminiToolCallIds.decodeBase64(text(data, "data"));
                pending.add(ContentPart.Image.inline(
                        text(data, "mimeType"), Base64.getEncoder().encodeToString(bytes)));
            } else if (field(p, "fileData") != null) {
                JsonNode file = field(p, "fileData");
                pending.add(new ContentPart.Image(
                        new ContentPart.ImageSource.Url(text(file, "fileUri"), text(file, "mimeType")), null));
            } else {
                throw new IllegalArgumentException(
                        "unsupported user part " + p.fieldNames().next());
            }
        }
        if (!pending.isEmpty()) out.add(new Message(Role.USER, List.copyOf(pending)));
        return out;
    }

    private ContentPart.ToolResult toolResult(JsonNode fr) {
        String name = text(fr, "name");
        String callId = text(fr, "id");
        String id;
        if (callId != null) {
            id = callIds.getOrDefault(callId, callId);
            Deque<String> open = unansweredByName.get(name);
            if (open != null) open.remove(id);
        } else {
            Deque<String> open = unansweredByName.get(name);
            id = open == null || open.isEmpty() ? null : open.poll();
        }
        JsonNode response = field(fr, "response");
        if (response == null) response = Json.object();
        if (response.size() == 1 && response.has("error")) {
            JsonNode e = response.get("error");
            return new ContentPart.ToolResult(id, e.isTextual() ? e.asText() : Json.write(e), true);
        }
        if (response.size() == 1
                && response.has("output")
                && response.get("output").isTextual()) {
            return new ContentPart.ToolResult(id, response.get("output").asText());
        }
        return new ContentPart.ToolResult(id, Json.write(response));
    }

    private void tools(JsonNode body, ChatRequest.Builder b) {
        List<ToolSpec> specs = new ArrayList<>();
        for (JsonNode tool : array(body, "tools")) {
            unknown(tool, Set.of("functionDeclarations"), "tool");
            for (JsonNode fn : array(tool, "functionDeclarations")) {
                JsonNode schema = field(fn, "parametersJsonSchema");
                if (schema == null && field(fn, "parameters") != null)
                    schema = openApiToJsonSchema(field(fn, "parameters"));
                specs.add(new ToolSpec(text(fn, "name"), text(fn, "description"), schema, null));
            }
        }
        b.tools(specs);
        JsonNode config = field(field(body, "toolConfig"), "functionCallingConfig");
        if (config == null) return;
        List<String> allowed = new ArrayList<>();
        array(config, "allowedFunctionNames").forEach(n -> allowed.add(n.asText()));
        b.toolChoice(
                switch (text(config, "mode")) {
                    case "AUTO" -> ToolChoice.AUTO;
                    case "NONE" -> ToolChoice.NONE;
                    case "ANY" -> allowed.size() == 1 ? new ToolChoice.Tool(allowed.get(0)) : ToolChoice.REQUIRED;
                    default -> throw new IllegalArgumentException("unsupported mode " + text(config, "mode"));
                });
    }

    private static void generationConfig(JsonNode config, ChatRequest.Builder b) {
        if (config == null) return;
        unknown(config, GENERATION, "generationConfig");
        JsonNode v;
        if ((v = field(config, "temperature")) != null) b.temperature(v.asDouble());
        if ((v = field(config, "topP")) != null) b.topP(v.asDouble());
        if ((v = field(config, "maxOutputTokens")) != null) b.maxTokens(v.asInt());
        if ((v = field(config, "seed")) != null) b.seed(v.asLong());
        List<String> stop = new ArrayList<>();
        array(config, "stopSequences").forEach(s -> stop.add(s.asText()));
        b.stop(stop);
        if ("application/json".equals(text(config, "responseMimeType"))) {
            JsonNode schema = field(config, "responseJsonSchema");
            if (schema == null && field(config, "responseSchema") != null)
                schema = openApiToJsonSchema(field(config, "responseSchema"));
            b.responseFormat(
                    schema == null
                            ? ResponseFormat.JSON_OBJECT
                            : new ResponseFormat.JsonSchema(
                                    schema.path("title").asText("response"), null, schema, null));
        }
        JsonNode thinking = field(config, "thinkingConfig");
        if (thinking != null) {
            JsonNode budget = field(thinking, "thinkingBudget");
            String level = text(thinking, "thinkingLevel");
            b.reasoning(new ReasoningConfig(
                    level == null ? null : level.toLowerCase(Locale.ROOT), budget == null ? null : budget.asInt()));
        }
        JsonNode modalities = field(config, "responseModalities");
        if (modalities != null
                && !(modalities.size() == 1 && "TEXT".equals(modalities.get(0).asText()))) {
            ArrayNode lower = Json.array();
            modalities.forEach(m -> lower.add(m.asText().toLowerCase(Locale.ROOT)));
            b.extension("modalities", lower);
        }
        extension(config, "presencePenalty", "presence_penalty", b);
        extension(config, "frequencyPenalty", "frequency_penalty", b);
        extension(config, "responseLogprobs", "logprobs", b);
        extension(config, "logprobs", "top_logprobs", b);
        extension(config, "topK", "top_k", b);
    }

    /** OpenAPI-subset schema (type: "OBJECT") → JSON Schema (type: "object"); the rest is the same vocabulary. */
    public static JsonNode openApiToJsonSchema(JsonNode schema) {
        if (schema instanceof ObjectNode o) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                JsonNode v = e.getValue();
                if (e.getKey().equals("type") && v.isTextual())
                    out.put("type", v.asText().toLowerCase(Locale.ROOT));
                else if (e.getKey().equals("properties") && v.isObject()) {
                    ObjectNode props = out.putObject("properties");
                    v.properties().forEach(p -> props.set(p.getKey(), openApiToJsonSchema(p.getValue())));
                } else out.set(e.getKey(), openApiToJsonSchema(v));
            }
            return out;
        }
        if (schema instanceof ArrayNode a) {
            ArrayNode out = Json.array();
            a.forEach(n -> out.add(openApiToJsonSchema(n)));
            return out;
        }
        return schema;
    }

    private static void extension(JsonNode node, String field, String name, ChatRequest.Builder b) {
        JsonNode v = field(node, field);
        if (v != null) b.extension(name, v);
    }

    /** A field by its camelCase name or the snake_case spelling the API also accepts. */
    static JsonNode field(JsonNode node, String camel) {
        if (node == null || !node.isObject()) return null;
        JsonNode v = node.get(camel);
        if (v == null) v = node.get(GeminiRequestSubstance.snake(camel));
        return v == null || v.isNull() ? null : v;
    }

    private static String text(JsonNode node, String camel) {
        JsonNode v = field(node, camel);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static List<JsonNode> array(JsonNode node, String camel) {
        JsonNode v = field(node, camel);
        List<JsonNode> out = new ArrayList<>();
        if (v != null && v.isArray()) v.forEach(out::add);
        return out;
    }

    private static void unknown(JsonNode node, Set<String> known, String where) {
        Set<String> extra = new TreeSet<>();
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(GeminiRequestSubstance.camel(f))) extra.add(f);
        });
        if (!extra.isEmpty()) throw new IllegalArgumentException("unmapped " + where + " fields " + extra);
    }
}
