package dev.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolChoice;
import dev.switchboard.core.model.ToolSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical request → generateContent body (REST JSON; Vertex parses the same JSON into its protos). Stateless.
 *
 * <p>System and developer messages become {@code systemInstruction}; assistant turns become role "model" and
 * everything else role "user" (tool results are functionResponse parts of a user turn). Consecutive turns of one
 * role are merged, so the responses to parallel calls travel together as Gemini expects.
 *
 * <p>Tools are declared with {@code parametersJsonSchema}, which takes the caller's JSON Schema as is ($ref,
 * $defs, anyOf, additionalProperties...). The older {@code parameters} field (seen in older recordings) only
 * accepts an OpenAPI 3.0 subset with upper-case type names, so converting into it would lose schema features.
 */
public final class GeminiRequestMapping {

    private GeminiRequestMapping() {}

    public static ObjectNode toWire(ChatRequest request, GeminiService flavor) {
        ObjectNode body = Json.object();
        body.set("contents", contents(request.messages()));
        ArrayNode system = systemParts(request.messages());
        if (!system.isEmpty()) body.putObject("systemInstruction").set("parts", system);
        if (!request.tools().isEmpty()) {
            body.putArray("tools").addObject().set("functionDeclarations", declarations(request.tools()));
            if (request.toolChoice() != null) {
                body.putObject("toolConfig").set("functionCallingConfig", callingConfig(request.toolChoice()));
            }
        }
        GeminiParams.apply(request, flavor, body);
        return body;
    }

    private static ArrayNode systemParts(List<Message> messages) {
        ArrayNode parts = Json.array();
        for (Message m : messages) {
            if (!m.role().isInstruction()) continue;
            for (ContentPart.Text t : m.partsOf(ContentPart.Text.class)) {
                if (!t.text().isEmpty()) parts.addObject().put("text", t.text());
            }
        }
        return parts;
    }

    private static ArrayNode contents(List<Message> messages) {
        Map<String, String> toolNames = toolNames(messages);
        ArrayNode contents = Json.array();
        ArrayNode currentParts = null;
        String currentRole = null;
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.role().isInstruction()) continue;
            String role = m.role() == Role.ASSISTANT ? "model" : "user";
            ArrayNode parts = m.role() == Role.ASSISTANT ? modelParts(m, i) : userParts(m, i, toolNames);
            if (parts.isEmpty()) continue;
            if (role.equals(currentRole)) {
                currentParts.addAll(parts);
            } else {
                ObjectNode content = contents.addObject();
                content.put("role", role);
                currentParts = content.putArray("parts");
                currentParts.addAll(parts);
                currentRole = role;
            }
        }
        return contents;
    }

    /**
     * OpenAI tool messages carry only the call id, while Gemini's functionResponse needs the function name:
     * it is looked up from the assistant call with that id (full id, or its call-id part).
     */
    private static Map<String, String> toolNames(List<Message> messages) {
        Map<String, String> names = new HashMap<>();
        for (Message m : messages) {
            if (m.role() != Role.ASSISTANT) continue;
            for (ContentPart.ToolCall c : m.toolCalls()) {
                if (c.id() == null) continue;
                names.put(c.id(), c.name());
                names.putIfAbsent(GeminiToolCallIds.decode(c.id()).callId(), c.name());
            }
        }
        return names;
    }

    private static ArrayNode modelParts(Message m, int index) {
        ArrayNode parts = Json.array();
        // Thought text is not sent back, but its signature is: on the part that followed it.
        String pendingSignature = null;
        for (ContentPart p : m.content()) {
            switch (p) {
                case ContentPart.Reasoning r -> {
                    if (r.signature() != null) pendingSignature = r.signature();
                }
                case ContentPart.Text t -> {
                    if (t.text().isEmpty() && pendingSignature == null) continue;
                    ObjectNode part = parts.addObject().put("text", t.text());
                    if (pendingSignature != null) part.put("thoughtSignature", pendingSignature);
                    pendingSignature = null;
                }
                case ContentPart.ToolCall c -> {
                    GeminiToolCallIds.Decoded id = GeminiToolCallIds.decode(c.id());
                    ObjectNode part = parts.addObject();
                    ObjectNode call = part.putObject("functionCall");
                    if (id.callId() != null) call.put("id", id.callId());
                    call.put("name", c.name());
                    call.set("args", arguments(c, index));
                    String signature = id.thoughtSignature() != null ? id.thoughtSignature() : pendingSignature;
                    if (signature != null) part.put("thoughtSignature", signature);
                    pendingSignature = null;
                }
                case ContentPart.Image img -> parts.add(image(img));
                case ContentPart.ToolResult r -> {
                    /* only tool messages carry results */
                }
            }
        }
        return parts;
    }

    private static ArrayNode userParts(Message m, int index, Map<String, String> toolNames) {
        ArrayNode parts = Json.array();
        for (ContentPart p : m.content()) {
            switch (p) {
                case ContentPart.Text t -> {
                    // Gemini rejects empty text parts.
                    if (!t.text().isEmpty()) parts.addObject().put("text", t.text());
                }
                case ContentPart.Image img -> parts.add(image(img));
                case ContentPart.ToolResult r ->
                    parts.addObject()
                            .set("functionResponse", functionResponse(r, functionName(r, m, index, toolNames)));
                case ContentPart.ToolCall c -> {
                    /* only assistant messages carry calls */
                }
                case ContentPart.Reasoning r -> {
                    /* only assistant messages carry reasoning */
                }
            }
        }
        return parts;
    }

    private static String functionName(ContentPart.ToolResult r, Message m, int index, Map<String, String> toolNames) {
        String name = r.toolCallId() == null ? null : toolNames.get(r.toolCallId());
        if (name == null && r.toolCallId() != null)
            name = toolNames.get(GeminiToolCallIds.decode(r.toolCallId()).callId());
        if (name == null) name = m.name();
        if (name == null) {
            throw InvalidRequest.forParam(
                    "messages[" + index + "].tool_call_id",
                    "No earlier assistant tool call has id '" + r.toolCallId()
                            + "'; Gemini needs the name of the function a tool result answers.");
        }
        return name;
    }

    private static ObjectNode functionResponse(ContentPart.ToolResult r, String name) {
        ObjectNode fn = Json.object();
        String callId = GeminiToolCallIds.decode(r.toolCallId()).callId();
        if (callId != null) fn.put("id", callId);
        fn.put("name", name);
        fn.set("response", toolResponse(r));
        return fn;
    }

    /**
     * functionResponse.response must be an object. A result that is a JSON object is sent as is; other text goes
     * under "output", an error under "error" (the keys Gemini documents for function output and errors).
     */
    static ObjectNode toolResponse(ContentPart.ToolResult r) {
        JsonNode parsed = Json.tryParse(r.content());
        boolean object = parsed != null && parsed.isObject();
        ObjectNode out = Json.object();
        if (r.isError()) {
            out.set("error", object ? parsed : Json.NODES.textNode(r.content()));
            return out;
        }
        if (object) return (ObjectNode) parsed;
        out.put("output", r.content());
        return out;
    }

    private static JsonNode arguments(ContentPart.ToolCall c, int index) {
        JsonNode args = Json.tryParse(c.arguments());
        if (args == null || !args.isObject()) {
            throw InvalidRequest.forParam(
                    "messages[" + index + "].tool_calls",
                    "The arguments of tool call '" + c.id()
                            + "' are not a JSON object; Gemini only accepts object arguments.");
        }
        return args;
    }

    private static ObjectNode image(ContentPart.Image img) {
        ObjectNode part = Json.object();
        switch (img.source()) {
            case ContentPart.ImageSource.Inline i ->
                part.putObject("inlineData").put("mimeType", i.mediaType()).put("data", i.base64());
            case ContentPart.ImageSource.Url u ->
                part.putObject("fileData")
                        .put("mimeType", u.mediaType() != null ? u.mediaType() : guessImageType(u.url()))
                        .put("fileUri", u.url());
        }
        return part;
    }

    /** fileData requires a MIME type and OpenAI's image_url carries none: read it off the file name. */
    static String guessImageType(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int cut = path.indexOf('?');
        if (cut >= 0) path = path.substring(0, cut);
        if (path.endsWith(".png")) return "image/png";
        if (path.endsWith(".webp")) return "image/webp";
        if (path.endsWith(".gif")) return "image/gif";
        if (path.endsWith(".heic")) return "image/heic";
        if (path.endsWith(".heif")) return "image/heif";
        // .jpg, .jpeg and URLs that do not say: JPEG is the common case for photos on the web.
        return "image/jpeg";
    }

    private static ArrayNode declarations(List<ToolSpec> tools) {
        ArrayNode out = Json.array();
        for (ToolSpec t : tools) {
            ObjectNode fn = out.addObject();
            fn.put("name", t.name());
            if (t.description() != null) fn.put("description", t.description());
            if (t.parameters() != null && !t.parameters().isNull()) fn.set("parametersJsonSchema", t.parameters());
        }
        return out;
    }

    private static ObjectNode callingConfig(ToolChoice choice) {
        ObjectNode config = Json.object();
        switch (choice) {
            case ToolChoice.Auto a -> config.put("mode", "AUTO");
            case ToolChoice.None n -> config.put("mode", "NONE");
            case ToolChoice.Required r -> config.put("mode", "ANY");
            case ToolChoice.Tool t -> {
                config.put("mode", "ANY");
                config.putArray("allowedFunctionNames").add(t.name());
            }
        }
        return config;
    }
}
