package dev.switchboard.provider.openai;

import static dev.switchboard.core.mapping.ParamRule.param;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.http.HttpErrors;
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

/**
 * Canonical request → Responses API body ({@code POST /v1/responses}), and a Response object → canonical
 * response. Stateless, like the gateway: every call
 * carries the whole conversation as input items, nothing refers to a stored earlier response.
 *
 * <ul>
 *   <li>{@code store} is false unless the caller set it: the Responses API stores every response (30 days) by
 *       default, and a gateway must not leave its callers' prompts stored at OpenAI without them asking.</li>
 *   <li>Leading system/developer messages become {@code instructions} (joined by a blank line); one that appears
 *       later in the conversation stays in place as an input message with its role.</li>
 *   <li>Reasoning parts of earlier assistant turns are not sent back (as with Chat Completions): re-sending
 *       them needs the item id of a stored response or encrypted content the caller asked for.</li>
 *   <li>The Responses API has no {@code stop} or {@code seed}; a request carrying one is rejected naming it.</li>
 *   <li>Extensions extend what the mapping wrote instead of replacing it: the API nests options without a
 *       canonical field ({@code reasoning.summary}, {@code text.verbosity}), and built-in tools
 *       ({@code file_search}, {@code web_search}) sit beside the function tools.</li>
 * </ul>
 */
final class ResponsesMapping {

    private static final ParamMapping PARAMS = ParamMapping.of(
            param("temperature", ChatRequest::temperature),
            param("top_p", ChatRequest::topP),
            param("max_output_tokens", ChatRequest::maxTokens),
            param("user", ChatRequest::user),
            param("parallel_tool_calls", ChatRequest::parallelToolCalls),
            param(
                    "reasoning.effort",
                    r -> r.reasoning() == null ? null : r.reasoning().effort()));

    private ResponsesMapping() {}

    static ObjectNode toWire(ChatRequest request, boolean stream) {
        if (!request.stop().isEmpty()) throw unsupported("stop");
        if (request.seed() != null) throw unsupported("seed");
        ObjectNode body = Json.object();
        body.put("model", request.model());
        List<Message> messages = request.messages();
        int leading = 0;
        while (leading < messages.size() && messages.get(leading).role().isInstruction()) leading++;
        String instructions = instructions(messages.subList(0, leading));
        if (instructions != null) body.put("instructions", instructions);
        body.set("input", input(messages.subList(leading, messages.size())));
        if (!request.tools().isEmpty()) body.set("tools", tools(request.tools()));
        if (request.toolChoice() != null) body.set("tool_choice", toolChoice(request.toolChoice()));
        if (request.responseFormat() != null) body.putObject("text").set("format", format(request.responseFormat()));
        PARAMS.apply(request, body);
        extensions(request, body);
        if (!body.has("store")) body.put("store", false);
        if (stream) body.put("stream", true);
        return body;
    }

    private static InvalidRequest unsupported(String param) {
        return InvalidRequest.forParam(
                param,
                "The OpenAI Responses API does not support '" + param
                        + "'; remove it, or use a provider configured with api: chat-completions.");
    }

    private static String instructions(List<Message> leading) {
        StringBuilder sb = new StringBuilder();
        for (Message m : leading) {
            String text = m.text();
            if (text == null || text.isEmpty()) continue;
            if (!sb.isEmpty()) sb.append("\n\n");
            sb.append(text);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static ArrayNode input(List<Message> messages) {
        ArrayNode items = Json.array();
        for (Message m : messages) {
            // Tool results are items of their own, whatever message carried them (Anthropic puts them in user turns).
            for (ContentPart.ToolResult r : m.partsOf(ContentPart.ToolResult.class)) {
                items.addObject()
                        .put("type", "function_call_output")
                        .put("call_id", r.toolCallId())
                        .put("output", r.content());
            }
            List<ContentPart> rest = m.content().stream()
                    .filter(p -> !(p instanceof ContentPart.ToolResult) && !(p instanceof ContentPart.Reasoning))
                    .toList();
            if (m.role() == Role.ASSISTANT) {
                assistant(items, rest);
            } else if (!rest.isEmpty()) {
                // A tool message with content other than results has no item of its own; it reads as user input.
                String role = m.role() == Role.TOOL ? "user" : m.role().wireName();
                items.addObject().put("role", role).set("content", content(rest));
            }
        }
        return items;
    }

    /** Assistant text as one message item with output_text parts, then one function_call item per call. */
    private static void assistant(ArrayNode items, List<ContentPart> parts) {
        ArrayNode text = Json.array();
        for (ContentPart p : parts) {
            if (p instanceof ContentPart.Text t)
                text.addObject().put("type", "output_text").put("text", t.text());
        }
        if (!text.isEmpty()) items.addObject().put("role", "assistant").set("content", text);
        for (ContentPart p : parts) {
            if (p instanceof ContentPart.ToolCall c) {
                items.addObject()
                        .put("type", "function_call")
                        .put("call_id", c.id())
                        .put("name", c.name())
                        .put("arguments", c.arguments());
            }
        }
    }

    /** A plain string when the message is text only, else input_text / input_image parts. */
    private static JsonNode content(List<ContentPart> parts) {
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text t) return Json.NODES.textNode(t.text());
        ArrayNode array = Json.array();
        for (ContentPart p : parts) {
            switch (p) {
                // Part-level hints (cache_control) are left out: input_text has no such fields.
                case ContentPart.Text t ->
                    array.addObject().put("type", "input_text").put("text", t.text());
                case ContentPart.Image img ->
                    array.addObject()
                            .put("type", "input_image")
                            // detail is a required field of input_image; "auto" is what OpenAI assumes elsewhere.
                            .put("detail", img.detail() == null ? "auto" : img.detail())
                            .put(
                                    "image_url",
                                    switch (img.source()) {
                                        case ContentPart.ImageSource.Url u -> u.url();
                                        case ContentPart.ImageSource.Inline i -> i.dataUri();
                                    });
                default -> {
                    /* tool calls only come from assistants; results and reasoning were taken out */
                }
            }
        }
        return array;
    }

    /** Responses' flat function tools. strict defaults to true there (false in Chat Completions): say it always. */
    private static ArrayNode tools(List<ToolSpec> tools) {
        ArrayNode out = Json.array();
        for (ToolSpec t : tools) {
            ObjectNode fn = out.addObject().put("type", "function").put("name", t.name());
            if (t.description() != null) fn.put("description", t.description());
            if (t.parameters() != null) fn.set("parameters", t.parameters());
            else fn.putNull("parameters");
            fn.put("strict", Boolean.TRUE.equals(t.strict()));
        }
        return out;
    }

    private static JsonNode toolChoice(ToolChoice choice) {
        return switch (choice) {
            case ToolChoice.Auto a -> Json.NODES.textNode("auto");
            case ToolChoice.None n -> Json.NODES.textNode("none");
            case ToolChoice.Required r -> Json.NODES.textNode("required");
            case ToolChoice.Tool t -> Json.object().put("type", "function").put("name", t.name());
        };
    }

    /** text.format: the json_schema variant is flat here (name, schema, strict beside type). */
    private static JsonNode format(ResponseFormat format) {
        return switch (format) {
            case ResponseFormat.Text t -> Json.object().put("type", "text");
            case ResponseFormat.JsonObject j -> Json.object().put("type", "json_object");
            case ResponseFormat.JsonSchema s -> {
                ObjectNode node = Json.object().put("type", "json_schema").put("name", s.name());
                if (s.description() != null) node.put("description", s.description());
                node.set("schema", s.schema());
                if (s.strict() != null) node.put("strict", s.strict());
                yield node;
            }
        };
    }

    private static void extensions(ChatRequest request, ObjectNode body) {
        request.extensions().forEach((name, value) -> {
            if (name.equals("verbosity")) {
                // Chat Completions' top-level verbosity lives under text in the Responses API.
                JsonNode text = body.get("text");
                (text instanceof ObjectNode t ? t : body.putObject("text")).set("verbosity", value);
                return;
            }
            JsonNode mapped = body.get(name);
            if (mapped instanceof ObjectNode o && value.isObject()) o.setAll((ObjectNode) value.deepCopy());
            else if (mapped instanceof ArrayNode a && value.isArray()) a.addAll((ArrayNode) value.deepCopy());
            else body.set(name, value);
        });
    }

    static ChatResponse fromWire(JsonNode body, String provider) {
        String status = Json.text(body, "status");
        if ("failed".equals(status)) throw failure(provider, body.path("error"));
        List<ContentPart> parts = new ArrayList<>();
        boolean calls = false;
        for (JsonNode item : Json.elements(body, "output")) {
            switch (item.path("type").asText("")) {
                case "message" -> {
                    String text = messageText(item);
                    if (!text.isEmpty()) parts.add(new ContentPart.Text(text));
                }
                case "function_call" -> {
                    calls = true;
                    parts.add(new ContentPart.ToolCall(
                            Json.text(item, "call_id"),
                            item.path("name").asText(""),
                            OpenAiMapping.argumentsText(item.get("arguments"))));
                }
                case "reasoning" -> {
                    ContentPart.Reasoning r = reasoning(item);
                    if (r != null) parts.add(r);
                }
                default -> {
                    /* built-in tool calls (web_search_call, ...) run at OpenAI; their results are in the text */
                }
            }
        }
        String incomplete = Json.text(body.path("incomplete_details"), "reason");
        return new ChatResponse(
                Json.text(body, "id"),
                Json.text(body, "model"),
                new Message(Role.ASSISTANT, parts),
                finishReason(status, incomplete, calls),
                providerFinishReason(status, incomplete),
                usage(body.get("usage")));
    }

    /** output_text parts concatenated; a refusal counts as text, as it does for Chat Completions. */
    private static String messageText(JsonNode message) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : Json.elements(message, "content")) {
            String type = part.path("type").asText("");
            if (type.equals("output_text")) sb.append(part.path("text").asText(""));
            else if (type.equals("refusal")) sb.append(part.path("refusal").asText(""));
        }
        return sb.toString();
    }

    /**
     * The summary parts joined by a newline (the stream codec separates them the same way), with the encrypted
     * content, when the caller included it, as redacted data. Null when the item shows nothing.
     */
    private static ContentPart.Reasoning reasoning(JsonNode item) {
        List<String> summary = new ArrayList<>();
        for (JsonNode s : Json.elements(item, "summary")) {
            String text = Json.text(s, "text");
            if (text != null) summary.add(text);
        }
        String encrypted = Json.text(item, "encrypted_content");
        if (summary.isEmpty() && encrypted == null) return null;
        return new ContentPart.Reasoning(summary.isEmpty() ? null : String.join("\n", summary), null, encrypted);
    }

    static FinishReason finishReason(String status, String incompleteReason, boolean toolCalls) {
        if ("completed".equals(status)) return toolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
        if ("incomplete".equals(status) && incompleteReason != null) {
            return switch (incompleteReason) {
                case "max_output_tokens" -> FinishReason.LENGTH;
                case "content_filter" -> FinishReason.CONTENT_FILTER;
                default -> FinishReason.UNKNOWN;
            };
        }
        return FinishReason.UNKNOWN;
    }

    /** The Responses API has a status, not a finish reason: "completed", or "incomplete:max_output_tokens". */
    static String providerFinishReason(String status, String incompleteReason) {
        if (status == null) return null;
        return incompleteReason == null ? status : status + ":" + incompleteReason;
    }

    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) return Usage.NOT_REPORTED;
        return new Usage(
                Json.longOrNull(usage, "input_tokens"),
                Json.longOrNull(usage, "output_tokens"),
                Json.longAt(usage, "input_tokens_details", "cached_tokens"),
                // Named as Chat Completions names it; null (not reported) when absent.
                Json.longAt(usage, "input_tokens_details", "cache_write_tokens"),
                Json.longAt(usage, "output_tokens_details", "reasoning_tokens"));
    }

    /**
     * A failure reported after the 200 (status "failed", response.failed, an error event): {code, message} with
     * the codes of the Responses API, some of which say what went wrong better than the type does.
     */
    static SwitchboardException failure(String provider, JsonNode error) {
        JsonNode e = error.path("error").isObject() ? error.get("error") : error;
        String code = Json.text(e, "code");
        String message = Json.text(e, "message");
        if (code == null) return OpenAiErrors.inStream(provider, e);
        if (code.contains("content_policy") || code.equals("content_filter")) {
            return HttpErrors.contentFiltered(provider, 400, message, code);
        }
        int status = switch (code) {
            case "rate_limit_exceeded" -> 429;
            case "server_error", "vector_store_timeout" -> 500;
            default -> code.startsWith("invalid_") || code.contains("image") ? 400 : 0;
        };
        if (status == 0) return OpenAiErrors.inStream(provider, e);
        return HttpErrors.fromStatus(provider, status, null, message, code, Json.text(e, "param"));
    }
}
