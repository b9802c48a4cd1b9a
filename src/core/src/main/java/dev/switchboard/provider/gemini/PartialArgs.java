package dev.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of one function call streamed by Vertex as {@code partialArgs}: values addressed by JSON path
 * ({@code $.recipe.steps[1]}), string values arriving in pieces that are concatenated. The pieces are
 * path-addressed rather than a text stream, so the object is assembled here and handed on once complete.
 */
final class PartialArgs {
    private final ObjectNode root;

    PartialArgs(JsonNode initial) {
        root = initial instanceof ObjectNode o ? o.deepCopy() : Json.object();
    }

    /** Applies one PartialArg ({jsonPath, stringValue | numberValue | boolValue | nullValue}). Bad paths are skipped. */
    void apply(JsonNode arg) {
        List<Object> path = parsePath(Json.text(arg, "jsonPath"));
        if (path == null || path.isEmpty()) return;
        JsonNode value;
        boolean append = false;
        if (arg.has("stringValue")) {
            value = arg.get("stringValue");
            append = true;
        } else if (arg.has("numberValue")) {
            value = GeminiResponseMapping.integralNumbers(arg.get("numberValue"));
        } else if (arg.has("boolValue")) {
            value = arg.get("boolValue");
        } else if (arg.has("nullValue")) {
            value = Json.NODES.nullNode();
        } else {
            return;
        }
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = container(parent, path.get(i), path.get(i + 1) instanceof Integer);
            if (parent == null) return;
        }
        set(parent, path.get(path.size() - 1), value, append);
    }

    String json() {
        return Json.write(root);
    }

    /** The child at {@code key}, created as an array or object when missing; null when the shapes disagree. */
    private static JsonNode container(JsonNode parent, Object key, boolean array) {
        JsonNode existing = get(parent, key);
        if (existing != null && (existing.isArray() || existing.isObject())) return existing;
        JsonNode created = array ? Json.array() : Json.object();
        return set(parent, key, created, false) ? created : null;
    }

    private static JsonNode get(JsonNode parent, Object key) {
        if (key instanceof Integer i) return parent.isArray() && i < parent.size() ? parent.get(i) : null;
        return parent.isObject() ? parent.get((String) key) : null;
    }

    private static boolean set(JsonNode parent, Object key, JsonNode value, boolean append) {
        JsonNode old = get(parent, key);
        if (append && old != null && old.isTextual()) value = Json.NODES.textNode(old.asText() + value.asText());
        if (key instanceof Integer i && parent instanceof ArrayNode a) {
            while (a.size() <= i) a.addNull();
            a.set(i, value);
            return true;
        }
        if (key instanceof String s && parent instanceof ObjectNode o) {
            o.set(s, value);
            return true;
        }
        return false;
    }

    /** "$.a.b[2]['c d']" → [a, b, 2, c d]; null when it is not such a path. */
    static List<Object> parsePath(String path) {
        if (path == null || !path.startsWith("$")) return null;
        List<Object> out = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') end++;
                if (end == i + 1) return null;
                out.add(path.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) return null;
                String inner = path.substring(i + 1, close);
                if (inner.length() >= 2 && (inner.charAt(0) == '\'' || inner.charAt(0) == '"')) {
                    out.add(inner.substring(1, inner.length() - 1));
                } else {
                    try {
                        int index = Integer.parseInt(inner);
                        if (index < 0) return null;
                        out.add(index);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                i = close + 1;
            } else {
                return null;
            }
        }
        return out;
    }
}
