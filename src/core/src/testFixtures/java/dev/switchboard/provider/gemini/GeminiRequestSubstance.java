package dev.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Brings a generateContent body (recorded or sent) to one form before the substance comparison. Each step is a
 * difference of spelling, not of meaning:
 * <ul>
 *   <li>field names: the API takes camelCase and snake_case alike (google-genai mixes them); all become camelCase,
 *       except inside caller-owned values (arguments, responses, schemas, label names);</li>
 *   <li>base64 (inline image bytes, thought signatures): google-genai sends the URL-safe alphabet, the adapter the
 *       standard one; both decode to the same bytes, compared as standard padded base64;</li>
 *   <li>{@code systemInstruction.role}: ignored by the API (recorders send "user", the adapter none);</li>
 *   <li>{@code generationConfig.responseModalities: ["TEXT"]}: the default for text models; an empty
 *       generationConfig is no generationConfig;</li>
 *   <li>a tool's {@code parameters} (OpenAPI subset, type "OBJECT") is compared as the JSON Schema the adapter
 *       sends in {@code parametersJsonSchema} (type "object"); likewise responseSchema / responseJsonSchema;</li>
 *   <li>mode ANY restricted to every declared function is plain ANY.</li>
 * </ul>
 */
public final class GeminiRequestSubstance {
    /** Values whose keys belong to the caller, left as they are. */
    private static final Set<String> OPAQUE = Set.of(
            "args", "response", "parameters", "parametersJsonSchema", "responseSchema", "responseJsonSchema", "labels");

    private GeminiRequestSubstance() {}

    public static ObjectNode normalize(JsonNode body) {
        ObjectNode b = (ObjectNode) camelize(body);
        if (b.get("systemInstruction") instanceof ObjectNode system) system.remove("role");
        if (b.get("generationConfig") instanceof ObjectNode config) {
            JsonNode modalities = config.get("responseModalities");
            if (modalities != null
                    && modalities.size() == 1
                    && "TEXT".equals(modalities.get(0).asText())) {
                config.remove("responseModalities");
            }
            if (config.get("responseSchema") != null) {
                config.set(
                        "responseJsonSchema", GeminiRequestReader.openApiToJsonSchema(config.remove("responseSchema")));
            }
            if (config.isEmpty()) b.remove("generationConfig");
        }
        Set<String> declared = new HashSet<>();
        for (JsonNode tool : b.path("tools")) {
            for (JsonNode fn : tool.path("functionDeclarations")) {
                declared.add(fn.path("name").asText());
                if (fn instanceof ObjectNode f && f.get("parameters") != null) {
                    f.set("parametersJsonSchema", GeminiRequestReader.openApiToJsonSchema(f.remove("parameters")));
                }
            }
        }
        if (Json.at(b, "toolConfig", "functionCallingConfig") instanceof ObjectNode calling
                && "ANY".equals(Json.text(calling, "mode"))
                && calling.has("allowedFunctionNames")) {
            Set<String> allowed = new HashSet<>();
            calling.get("allowedFunctionNames").forEach(n -> allowed.add(n.asText()));
            if (allowed.equals(declared) && declared.size() > 1) calling.remove("allowedFunctionNames");
        }
        for (JsonNode content : b.path("contents")) {
            for (JsonNode part : content.path("parts")) base64(part);
        }
        return b;
    }

    private static void base64(JsonNode part) {
        if (!(part instanceof ObjectNode p)) return;
        standardBase64(p, "thoughtSignature");
        if (p.get("inlineData") instanceof ObjectNode data) standardBase64(data, "data");
        for (JsonNode inner : p.path("functionResponse").path("parts")) base64(inner);
    }

    private static void standardBase64(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) return;
        byte[] bytes = GeminiToolCallIds.decodeBase64(v.asText());
        if (bytes != null) node.put(field, Base64.getEncoder().encodeToString(bytes));
    }

    static JsonNode camelize(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                String key = camel(e.getKey());
                out.set(key, OPAQUE.contains(key) ? e.getValue().deepCopy() : camelize(e.getValue()));
            }
            return out;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode out = Json.array();
            a.forEach(n -> out.add(camelize(n)));
            return out;
        }
        return node;
    }

    static String camel(String name) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    static String snake(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) sb.append('_').append(Character.toLowerCase(c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
