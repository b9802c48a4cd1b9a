package dev.switchboard.core.frontend.openai;

import static dev.switchboard.core.frontend.openai.JsonReader.array;
import static dev.switchboard.core.frontend.openai.JsonReader.bool;
import static dev.switchboard.core.frontend.openai.JsonReader.integer;
import static dev.switchboard.core.frontend.openai.JsonReader.missing;
import static dev.switchboard.core.frontend.openai.JsonReader.number;
import static dev.switchboard.core.frontend.openai.JsonReader.object;
import static dev.switchboard.core.frontend.openai.JsonReader.required;
import static dev.switchboard.core.frontend.openai.JsonReader.requiredString;
import static dev.switchboard.core.frontend.openai.JsonReader.string;
import static dev.switchboard.core.frontend.openai.JsonReader.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.frontend.RequestLimits;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAI Chat Completions request strictly: every field is type-checked, and a parameter the gateway
 * neither maps nor passes through is a 400 naming it, never silently dropped.
 */
public final class OpenAiRequestReader {

    /** Parameters mapped to the canonical request. */
    static final Set<String> MAPPED = Set.of(
            "model",
            "messages",
            "tools",
            "tool_choice",
            "parallel_tool_calls",
            "response_format",
            "temperature",
            "top_p",
            "max_tokens",
            "max_completion_tokens",
            "stop",
            "seed",
            "user",
            "stream",
            "stream_options",
            "n",
            "reasoning_effort",
            "thinking");

    /**
     * OpenAI parameters passed through unchanged to OpenAI-family providers. Other providers reject a request
     * carrying one of them with a 400 naming it (see README, "Pass-through parameters").
     */
    public static final Set<String> PASS_THROUGH = Set.of(
            "frequency_penalty",
            "presence_penalty",
            "logit_bias",
            "logprobs",
            "top_logprobs",
            "service_tier",
            "store",
            "metadata",
            "prediction",
            "modalities",
            "audio",
            "web_search_options",
            "prompt_cache_key",
            "prompt_cache_retention",
            "prompt_cache_options",
            "safety_identifier",
            "verbosity",
            "moderation");

    /** Hints a text part may carry (prompt-cache breakpoints); passed to providers that understand them. */
    static final Set<String> TEXT_PART_HINTS = Set.of("cache_control", "prompt_cache_breakpoint");

    private static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high", "xhigh");

    private OpenAiRequestReader() {}

    public static ParsedChatRequest read(byte[] body) {
        JsonNode root = Json.tryParse(body);
        if (root == null) {
            throw new InvalidRequest("We could not parse the JSON body of your request. The body must be a JSON object "
                    + "(Content-Type: application/json).");
        }
        return read(root);
    }

    public static ParsedChatRequest read(JsonNode root) {
        if (!root.isObject()) throw new InvalidRequest("The request body must be a JSON object.");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!MAPPED.contains(field) && !PASS_THROUGH.contains(field)) {
                throw InvalidRequest.forParam(field, "Unrecognized request argument supplied: " + field);
            }
        }
        ChatRequest.Builder b = ChatRequest.builder();
        String model = requiredString(root, "model", "model");
        if (model.isBlank()) throw InvalidRequest.forParam("model", "Invalid 'model': must not be empty.");
        b.model(RequestLimits.checkModel(model));
        b.messages(messages(root));
        b.tools(tools(root));
        b.toolChoice(toolChoice(root.get("tool_choice")));
        b.parallelToolCalls(bool(root, "parallel_tool_calls", "parallel_tool_calls"));
        b.responseFormat(responseFormat(object(root, "response_format", "response_format")));
        b.temperature(number(root, "temperature", "temperature", 0, 2));
        b.topP(number(root, "top_p", "top_p", 0, 1));
        Long maxCompletion = integer(root, "max_completion_tokens", "max_completion_tokens", 1, Integer.MAX_VALUE);
        Long maxTokens = integer(root, "max_tokens", "max_tokens", 1, Integer.MAX_VALUE);
        Long max = maxCompletion != null ? maxCompletion : maxTokens;
        b.maxTokens(max == null ? null : Math.toIntExact(max));
        b.stop(stop(root.get("stop")));
        b.seed(integer(root, "seed", "seed", Long.MIN_VALUE));
        b.user(RequestLimits.checkLength(string(root, "user", "user"), RequestLimits.MAX_USER, "user"));
        metadata(object(root, "metadata", "metadata"));
        b.reasoning(reasoning(root));
        Long n = integer(root, "n", "n", 1, Integer.MAX_VALUE);
        if (n != null && n != 1)
            throw InvalidRequest.forParam("n", "Invalid 'n': only n=1 is supported by this gateway.");
        for (String p : PASS_THROUGH) {
            JsonNode v = root.get(p);
            if (v != null && !v.isNull()) b.extension(p, v);
        }
        boolean stream = Boolean.TRUE.equals(bool(root, "stream", "stream"));
        JsonNode streamOptions = object(root, "stream_options", "stream_options");
        if (streamOptions != null && !stream) {
            throw InvalidRequest.forParam(
                    "stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }
        boolean includeUsage = streamOptions != null
                && Boolean.TRUE.equals(bool(streamOptions, "include_usage", "stream_options.include_usage"));
        return new ParsedChatRequest(b.build(), stream, includeUsage);
    }

    /** OpenAI's own bounds on metadata (16 pairs, 64-character keys, 512-character string values). */
    private static void metadata(JsonNode metadata) {
        if (metadata == null) return;
        if (metadata.size() > RequestLimits.MAX_METADATA_KEYS) {
            throw InvalidRequest.forParam(
                    "metadata",
                    "Invalid 'metadata': at most " + RequestLimits.MAX_METADATA_KEYS + " key-value pairs are allowed.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path =
                    "metadata." + RequestLimits.checkLength(e.getKey(), RequestLimits.MAX_METADATA_KEY, "metadata");
            if (!e.getValue().isTextual()) throw wrongType(path, "a string", e.getValue());
            RequestLimits.checkLength(e.getValue().asText(), RequestLimits.MAX_METADATA_VALUE, path);
        }
    }

    private static List<Message> messages(JsonNode root) {
        JsonNode array = required(array(root, "messages", "messages"), "messages");
        if (array.isEmpty()) {
            throw InvalidRequest.forParam(
                    "messages", "Invalid 'messages': empty array. Expected an array with minimum length 1.");
        }
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(message(array.get(i), "messages[" + i + "]"));
        }
        return out;
    }

    private static Message message(JsonNode m, String path) {
        if (!m.isObject()) throw wrongType(path, "an object", m);
        String roleName = requiredString(m, "role", path + ".role");
        Role role = Role.fromWire(roleName);
        if (role == null) {
            throw InvalidRequest.forParam(
                    path + ".role",
                    "Invalid value: '" + roleName + "'. Supported values are: "
                            + "'system', 'developer', 'user', 'assistant' and 'tool'.");
        }
        if (m.has("function_call") || (role == Role.USER && m.has("tool_calls"))) {
            throw InvalidRequest.forParam(
                    path + ".function_call", "Legacy function_call messages are not supported; use tool_calls.");
        }
        String name = string(m, "name", path + ".name");
        JsonNode content = m.get("content");
        List<ContentPart> parts = new ArrayList<>();
        switch (role) {
            case SYSTEM, DEVELOPER -> parts.addAll(textOnly(content, path + ".content", true));
            case USER -> parts.addAll(userContent(content, path + ".content"));
            case ASSISTANT -> {
                String reasoning = string(m, "reasoning_content", path + ".reasoning_content");
                if (reasoning != null && !reasoning.isEmpty()) parts.add(ContentPart.Reasoning.of(reasoning));
                parts.addAll(textOnly(content, path + ".content", false));
                parts.addAll(toolCalls(array(m, "tool_calls", path + ".tool_calls"), path + ".tool_calls"));
                if (parts.isEmpty() && (content == null || content.isNull())) {
                    throw InvalidRequest.forParam(
                            path + ".content",
                            "Invalid '" + path + "': an assistant message needs content or tool_calls.");
                }
            }
            case TOOL -> {
                String callId = requiredString(m, "tool_call_id", path + ".tool_call_id");
                StringBuilder text = new StringBuilder();
                textOnly(content, path + ".content", true).forEach(p -> text.append(((ContentPart.Text) p).text()));
                parts.add(new ContentPart.ToolResult(callId, text.toString()));
            }
        }
        return new Message(role, parts, name);
    }

    /** A string, or an array of text (and, for assistants, refusal) parts. */
    /** System, developer, assistant and tool content: a string, or text (assistants: refusal) parts. */
    private static List<ContentPart> textOnly(JsonNode content, String path, boolean required) {
        if ((content == null || content.isNull()) && !required) return List.of();
        if (content != null && content.isTextual() && content.asText().isEmpty() && !required) return List.of();
        return parts(content, path, false);
    }

    private static List<ContentPart> userContent(JsonNode content, String path) {
        return parts(content, path, true);
    }

    /** A string, or an array of typed parts: text, plus image_url in user messages and refusal in the others. */
    private static List<ContentPart> parts(JsonNode content, String path, boolean user) {
        if (content == null || content.isNull()) throw missing(path);
        if (content.isTextual()) return List.of(new ContentPart.Text(content.asText()));
        if (!content.isArray()) throw wrongType(path, "a string or an array of content parts", content);
        List<ContentPart> out = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String p = path + "[" + i + "]";
            if (!part.isObject()) throw wrongType(p, "an object", part);
            String type = requiredString(part, "type", p + ".type");
            if (type.equals("text")) {
                out.add(textPart(part, p));
            } else if (user && type.equals("image_url")) {
                out.add(image(part, p));
            } else if (!user && type.equals("refusal")) {
                out.add(new ContentPart.Text(requiredString(part, "refusal", p + ".refusal")));
            } else {
                throw InvalidRequest.forParam(
                        p + ".type",
                        "Invalid value: '" + type + "'. Supported content part types are "
                                + (user ? "'text' and 'image_url'." : "'text' (and 'refusal' for assistants)."));
            }
        }
        return out;
    }

    private static ContentPart.Text textPart(JsonNode part, String path) {
        Map<String, JsonNode> hints = new LinkedHashMap<>();
        for (Iterator<String> it = part.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (field.equals("type") || field.equals("text")) continue;
            if (!TEXT_PART_HINTS.contains(field)) {
                throw InvalidRequest.forParam(path + "." + field, "Unrecognized content part argument: " + field);
            }
            hints.put(field, part.get(field));
        }
        return new ContentPart.Text(requiredString(part, "text", path + ".text"), hints);
    }

    private static ContentPart image(JsonNode part, String path) {
        JsonNode img = part.get("image_url");
        String url;
        String detail = null;
        if (img != null && img.isTextual()) {
            url = img.asText();
        } else {
            JsonNode obj = required(object(part, "image_url", path + ".image_url"), path + ".image_url");
            url = requiredString(obj, "url", path + ".image_url.url");
            detail = string(obj, "detail", path + ".image_url.detail");
        }
        try {
            return new ContentPart.Image(ContentPart.ImageSource.parse(url), detail);
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.forParam(path + ".image_url.url", "Invalid image URL: " + e.getMessage() + ".");
        }
    }

    private static List<ContentPart> toolCalls(JsonNode calls, String path) {
        if (calls == null) return List.of();
        List<ContentPart> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            String p = path + "[" + i + "]";
            if (!call.isObject()) throw wrongType(p, "an object", call);
            String type = string(call, "type", p + ".type");
            if (type != null && !type.equals("function")) {
                throw InvalidRequest.forParam(
                        p + ".type", "Invalid value: '" + type + "'. Only 'function' tool calls are supported.");
            }
            JsonNode fn = required(object(call, "function", p + ".function"), p + ".function");
            String args = string(fn, "arguments", p + ".function.arguments");
            out.add(new ContentPart.ToolCall(
                    requiredString(call, "id", p + ".id"), requiredString(fn, "name", p + ".function.name"), args));
        }
        return out;
    }

    private static List<ToolSpec> tools(JsonNode root) {
        JsonNode tools = array(root, "tools", "tools");
        if (tools == null) return List.of();
        List<ToolSpec> out = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode t = tools.get(i);
            String p = "tools[" + i + "]";
            if (!t.isObject()) throw wrongType(p, "an object", t);
            String type = requiredString(t, "type", p + ".type");
            if (!type.equals("function")) {
                throw InvalidRequest.forParam(
                        p + ".type", "Invalid value: '" + type + "'. Only 'function' tools are supported.");
            }
            JsonNode fn = required(object(t, "function", p + ".function"), p + ".function");
            out.add(new ToolSpec(
                    requiredString(fn, "name", p + ".function.name"),
                    string(fn, "description", p + ".function.description"),
                    object(fn, "parameters", p + ".function.parameters"),
                    bool(fn, "strict", p + ".function.strict")));
        }
        return out;
    }

    private static ToolChoice toolChoice(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) {
            return switch (v.asText()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default ->
                    throw InvalidRequest.forParam(
                            "tool_choice",
                            "Invalid value: '" + v.asText()
                                    + "'. Supported values are: 'none', 'auto' and 'required'.");
            };
        }
        if (!v.isObject()) throw wrongType("tool_choice", "a string or an object", v);
        String type = requiredString(v, "type", "tool_choice.type");
        if (!type.equals("function")) {
            throw InvalidRequest.forParam(
                    "tool_choice.type", "Invalid value: '" + type + "'. Only 'function' is supported.");
        }
        JsonNode fn = required(object(v, "function", "tool_choice.function"), "tool_choice.function");
        return new ToolChoice.Tool(requiredString(fn, "name", "tool_choice.function.name"));
    }

    private static ResponseFormat responseFormat(JsonNode v) {
        if (v == null) return null;
        String type = requiredString(v, "type", "response_format.type");
        return switch (type) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> ResponseFormat.JSON_OBJECT;
            case "json_schema" -> {
                JsonNode s = required(
                        object(v, "json_schema", "response_format.json_schema"), "response_format.json_schema");
                JsonNode schema = object(s, "schema", "response_format.json_schema.schema");
                yield new ResponseFormat.JsonSchema(
                        requiredString(s, "name", "response_format.json_schema.name"),
                        string(s, "description", "response_format.json_schema.description"),
                        schema == null ? Json.object() : schema,
                        bool(s, "strict", "response_format.json_schema.strict"));
            }
            default ->
                throw InvalidRequest.forParam(
                        "response_format.type",
                        "Invalid value: '" + type
                                + "'. Supported values are: 'text', 'json_object' and 'json_schema'.");
        };
    }

    private static List<String> stop(JsonNode v) {
        if (v == null || v.isNull()) return List.of();
        if (v.isTextual()) return List.of(v.asText());
        if (!v.isArray()) throw wrongType("stop", "a string or an array of strings", v);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) throw wrongType("stop[" + i + "]", "a string", v.get(i));
            out.add(v.get(i).asText());
        }
        return out;
    }

    /** reasoning_effort (OpenAI) or the extension thinking: {type: enabled, budget_tokens} (Anthropic's shape). */
    private static ReasoningConfig reasoning(JsonNode root) {
        String effort = string(root, "reasoning_effort", "reasoning_effort");
        if (effort != null && !EFFORTS.contains(effort)) {
            throw InvalidRequest.forParam(
                    "reasoning_effort",
                    "Invalid value: '" + effort
                            + "'. Supported values are: 'none', 'minimal', 'low', 'medium', 'high' and 'xhigh'.");
        }
        Integer budget = null;
        JsonNode thinking = object(root, "thinking", "thinking");
        if (thinking != null) {
            String type = requiredString(thinking, "type", "thinking.type");
            switch (type) {
                case "enabled" -> {
                    Long b = required(
                            integer(thinking, "budget_tokens", "thinking.budget_tokens", 0, Integer.MAX_VALUE),
                            "thinking.budget_tokens");
                    budget = Math.toIntExact(b);
                }
                case "disabled" -> budget = 0;
                default ->
                    throw InvalidRequest.forParam(
                            "thinking.type",
                            "Invalid value: '" + type + "'. Supported values are: 'enabled' and 'disabled'.");
            }
        }
        return effort == null && budget == null ? null : new ReasoningConfig(effort, budget);
    }
}
