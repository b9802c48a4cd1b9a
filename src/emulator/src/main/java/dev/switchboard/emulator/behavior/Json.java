package dev.switchboard.emulator.behavior;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Terse JSON building so the wire shapes in the codecs read like the JSON they produce:
 * {@code obj("type", "message", "usage", obj("input_tokens", 3))}. Keys keep insertion order.
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("obj() needs key/value pairs");
        }
        ObjectNode node = F.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], node(keysAndValues[i + 1]));
        }
        return node;
    }

    public static ArrayNode arr(Object... items) {
        ArrayNode node = F.arrayNode();
        for (Object item : items) {
            node.add(node(item));
        }
        return node;
    }

    public static JsonNode node(Object value) {
        return switch (value) {
            case null -> NullNode.getInstance();
            case JsonNode n -> n;
            case String s -> F.textNode(s);
            case Integer i -> F.numberNode(i);
            case Long l -> F.numberNode(l);
            case Double d -> F.numberNode(d);
            case Boolean b -> F.booleanNode(b);
            case Collection<?> c -> {
                ArrayNode a = F.arrayNode();
                c.forEach(item -> a.add(node(item)));
                yield a;
            }
            case Map<?, ?> m -> {
                ObjectNode o = F.objectNode();
                m.forEach((k, v) -> o.set(String.valueOf(k), node(v)));
                yield o;
            }
            default -> MAPPER.valueToTree(value);
        };
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        return text(node).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses JSON, or returns {@code null} when the bytes are not valid JSON. */
    public static JsonNode parseOrNull(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first present, non-null field among aliases (Google APIs accept camelCase and snake_case). */
    public static JsonNode field(JsonNode node, String... names) {
        if (node == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
