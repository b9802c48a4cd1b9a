package dev.switchboard.provider.openai;

import static dev.switchboard.core.mapping.ParamRule.param;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.mapping.ParamMapping;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolChoice;
import dev.switchboard.core.model.ToolSpec;
import dev.switchboard.core.model.Usage;
import java.util.ArrayList;
import java.util.List;

/** Canonical request → Chat Completions body, and Chat Completions answer → canonical response. Stateless. */
final class OpenAiMapping {

    private static final ParamMapping SAMPLING = ParamMapping.of(
            param("temperature", ChatRequest::temperature),
            param("top_p", ChatRequest::topP),
            param("stop", ChatRequest::stop),
            param("seed", ChatRequest::seed),
            param("user", ChatRequest::user),
            param("parallel_tool_calls", ChatRequest::parallelToolCalls),
            param(
                    "reasoning_effort",
                    r -> r.reasoning() == null ? null : r.reasoning().effort()));

    private OpenAiMapping() {}

    static ObjectNode toWire(ChatRequest request, OpenAiConfig config, boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        body.set("messages", messages(request.messages(), config));
        if (!request.tools().isEmpty()) body.set("tools", tools(request.tools()));
        if (request.toolChoice() != null) body.set("tool_choice", toolChoice(request.toolChoice()));
        if (request.responseFormat() != null) body.set("response_format", responseFormat(request.responseFormat()));
        SAMPLING.apply(request, body);
        if (request.maxTokens() != null) body.put(config.maxTokensParam(), request.maxTokens());
        request.extensions().forEach(body::set);
        if (stream) {
            body.put("stream", true);
            // Always ask for usage: cost accounting needs it even when the caller did not.
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    private static ArrayNode messages(List<Message> messages, OpenAiConfig config) {
        ArrayNode out = Json.array();
        for (Message m : messages) {
            // Tool results travel as one "tool" message each, whatever message carried them.
            for (ContentPart.ToolResult r : m.partsOf(ContentPart.ToolResult.class)) {
                ObjectNode tool = out.addObject();
                tool.put("role", "tool");
                tool.put("tool_call_id", r.toolCallId());
                tool.put("content", r.content());
            }
            List<ContentPart> rest = new ArrayList<>(m.content().size());
            for (ContentPart p : m.content()) {
                if (!(p instanceof ContentPart.ToolResult) && !(p instanceof ContentPart.Reasoning)) rest.add(p);
            }
            if (rest.isEmpty() && m.role() != Role.ASSISTANT && !m.content().isEmpty()) continue;
            ObjectNode node = out.addObject();
            Role role = m.role() == Role.DEVELOPER && !config.developerRole() ? Role.SYSTEM : m.role();
            node.put("role", role.wireName());
            if (m.name() != null) node.put("name", m.name());
            if (m.role() == Role.ASSISTANT) {
                assistant(node, rest);
            } else {
                node.set("content", content(rest));
            }
        }
        return out;
    }

    private static void assistant(ObjectNode node, List<ContentPart> parts) {
        StringBuilder text = null;
        ArrayNode calls = null;
        for (ContentPart p : parts) {
            if (p instanceof ContentPart.Text t) {
                if (text == null) text = new StringBuilder();
                text.append(t.text());
            } else if (p instanceof ContentPart.ToolCall c) {
                if (calls == null) calls = Json.array();
                ObjectNode call = calls.addObject();
                call.put("id", c.id());
                call.put("type", "function");
                ObjectNode fn = call.putObject("function");
                fn.put("name", c.name());
                fn.put("arguments", c.arguments());
            }
        }
        if (text != null) node.put("content", text.toString());
        else node.putNull("content");
        if (calls != null) node.set("tool_calls", calls);
    }

    /** A plain string when the message is text only, else an array of typed parts. */
    private static JsonNode content(List<ContentPart> parts) {
        if (parts.size() == 1
                && parts.get(0) instanceof ContentPart.Text t
                && t.extensions().isEmpty()) {
            return Json.NODES.textNode(t.text());
        }
        ArrayNode array = Json.array();
        for (ContentPart p : parts) {
            switch (p) {
                case ContentPart.Text t -> {
                    ObjectNode part = array.addObject().put("type", "text").put("text", t.text());
                    t.extensions().forEach(part::set);
                }
                case ContentPart.Image img -> {
                    ObjectNode part = array.addObject().put("type", "image_url");
                    ObjectNode url = part.putObject("image_url");
                    url.put(
                            "url",
                            switch (img.source()) {
                                case ContentPart.ImageSource.Url u -> u.url();
                                case ContentPart.ImageSource.Inline i -> i.dataUri();
                            });
                    if (img.detail() != null) url.put("detail", img.detail());
                }
                default -> {
                    /* tool calls and reasoning never appear in non-assistant content */
                }
            }
        }
        return array;
    }

    private static ArrayNode tools(List<ToolSpec> tools) {
        ArrayNode out = Json.array();
        for (ToolSpec t : tools) {
            ObjectNode fn = out.addObject().put("type", "function").putObject("function");
            fn.put("name", t.name());
            if (t.description() != null) fn.put("description", t.description());
            if (t.parameters() != null) fn.set("parameters", t.parameters());
            if (t.strict() != null) fn.put("strict", t.strict());
        }
        return out;
    }

    static JsonNode toolChoice(ToolChoice choice) {
        return switch (choice) {
            case ToolChoice.Auto a -> Json.NODES.textNode("auto");
            case ToolChoice.None n -> Json.NODES.textNode("none");
            case ToolChoice.Required r -> Json.NODES.textNode("required");
            case ToolChoice.Tool t -> {
                ObjectNode node = Json.object().put("type", "function");
                node.putObject("function").put("name", t.name());
                yield node;
            }
        };
    }

    static JsonNode responseFormat(ResponseFormat format) {
        return switch (format) {
            case ResponseFormat.Text t -> Json.object().put("type", "text");
            case ResponseFormat.JsonObject j -> Json.object().put("type", "json_object");
            case ResponseFormat.JsonSchema s -> {
                ObjectNode node = Json.object().put("type", "json_schema");
                ObjectNode schema = node.putObject("json_schema");
                schema.put("name", s.name());
                if (s.description() != null) schema.put("description", s.description());
                schema.set("schema", s.schema());
                if (s.strict() != null) schema.put("strict", s.strict());
                yield node;
            }
        };
    }

    static ChatResponse fromWire(JsonNode body) {
        JsonNode choice = Json.elements(body, "choices").stream().findFirst().orElse(null);
        JsonNode message = choice == null ? null : choice.get("message");
        List<ContentPart> parts = new ArrayList<>();
        if (message != null) {
            String reasoning = reasoningText(message);
            if (reasoning != null) parts.add(ContentPart.Reasoning.of(reasoning));
            String text = messageText(message.get("content"));
            if (text == null) text = Json.text(message, "refusal");
            if (text != null && !text.isEmpty()) parts.add(new ContentPart.Text(text));
            for (JsonNode call : Json.elements(message, "tool_calls")) {
                JsonNode fn = call.path("function");
                parts.add(new ContentPart.ToolCall(
                        Json.text(call, "id"), fn.path("name").asText(""), argumentsText(fn.get("arguments"))));
            }
        }
        String finish = choice == null ? null : Json.text(choice, "finish_reason");
        return new ChatResponse(
                Json.text(body, "id"),
                Json.text(body, "model"),
                new Message(Role.ASSISTANT, parts),
                FinishReason.fromOpenAi(finish),
                finish,
                usage(body.get("usage")));
    }

    /** vLLM and DeepSeek say reasoning_content; Ollama and OpenRouter say reasoning. */
    static String reasoningText(JsonNode messageOrDelta) {
        String r = Json.text(messageOrDelta, "reasoning_content");
        return r != null ? r : Json.text(messageOrDelta, "reasoning");
    }

    /** Content as a string; some compatible servers answer with an array of text parts. */
    static String messageText(JsonNode content) {
        if (content == null || content.isNull()) return null;
        if (content.isTextual()) return content.asText();
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            content.forEach(p -> sb.append(p.path("text").asText("")));
            return sb.toString();
        }
        return null;
    }

    /** Arguments are a JSON string in OpenAI's API; a few compatible servers send the object itself. */
    static String argumentsText(JsonNode arguments) {
        if (arguments == null || arguments.isNull()) return "{}";
        return arguments.isTextual() ? arguments.asText() : Json.write(arguments);
    }

    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) return Usage.NOT_REPORTED;
        return new Usage(
                Json.longOrNull(usage, "prompt_tokens"),
                Json.longOrNull(usage, "completion_tokens"),
                Json.longAt(usage, "prompt_tokens_details", "cached_tokens"),
                Json.longAt(usage, "prompt_tokens_details", "cache_write_tokens"),
                Json.longAt(usage, "completion_tokens_details", "reasoning_tokens"));
    }
}
