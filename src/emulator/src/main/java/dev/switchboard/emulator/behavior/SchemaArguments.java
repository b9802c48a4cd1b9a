package dev.switchboard.emulator.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Tool arguments generated from a JSON schema: each required property gets a fixed, type-appropriate value.
 * Type names are matched case-insensitively because Gemini/Vertex schemas use {@code STRING}, {@code OBJECT}.
 */
public final class SchemaArguments {

    public static final String STRING_VALUE = "emulated";

    private SchemaArguments() {}

    public static ObjectNode generate(JsonNode schema) {
        ObjectNode args = Json.obj();
        if (schema == null || !schema.isObject()) {
            return args;
        }
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            String name = required.asText();
            args.set(name, valueFor(properties.path(name)));
        }
        return args;
    }

    static JsonNode valueFor(JsonNode property) {
        JsonNode enumValues = property.path("enum");
        if (enumValues.isArray() && !enumValues.isEmpty()) {
            return enumValues.get(0);
        }
        return switch (typeOf(property)) {
            case "integer", "number" -> Json.node(1);
            case "boolean" -> Json.node(true);
            case "object" -> Json.obj();
            case "array" -> Json.arr();
            default -> Json.node(STRING_VALUE);
        };
    }

    private static String typeOf(JsonNode property) {
        JsonNode type = property.path("type");
        if (type.isArray()) {
            // ["string", "null"]: the first non-null type
            for (JsonNode t : type) {
                if (!"null".equalsIgnoreCase(t.asText())) {
                    return t.asText().toLowerCase(Locale.ROOT);
                }
            }
            return "string";
        }
        if (type.isTextual()) {
            return type.asText().toLowerCase(Locale.ROOT);
        }
        return property.has("properties") ? "object" : "string";
    }
}
