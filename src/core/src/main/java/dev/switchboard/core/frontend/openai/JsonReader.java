package dev.switchboard.core.frontend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.InvalidRequest;

/** Typed access to request JSON where every wrong type is a 400 naming the parameter path, as OpenAI words it. */
final class JsonReader {
    private JsonReader() {}

    static String string(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw wrongType(path, "a string", v);
        return v.asText();
    }

    static String requiredString(JsonNode parent, String field, String path) {
        return required(string(parent, field, path), path);
    }

    /** {@code value}, or OpenAI's "Missing required parameter" error naming {@code path} when it is null. */
    static <T> T required(T value, String path) {
        if (value == null) throw missing(path);
        return value;
    }

    static InvalidRequest missing(String path) {
        return InvalidRequest.forParam(path, "Missing required parameter: '" + path + "'.");
    }

    static Double number(JsonNode parent, String field, String path, double min, double max) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw wrongType(path, "a decimal", v);
        double d = v.asDouble();
        if (d < min || d > max) {
            throw InvalidRequest.forParam(
                    path,
                    "Invalid '" + path + "': " + v.asText() + " is out of range; expected a value from " + fmt(min)
                            + " to " + fmt(max) + ".");
        }
        return d;
    }

    static Long integer(JsonNode parent, String field, String path, long min) {
        return integer(parent, field, path, min, Long.MAX_VALUE);
    }

    /** An integer in [min, max]; one past what a long holds is out of range too, never wrapped. */
    static Long integer(JsonNode parent, String field, String path, long min, long max) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            throw wrongType(path, "an integer", v);
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw InvalidRequest.forParam(
                    path,
                    "Invalid '" + path + "': " + v.asText() + " is out of range; expected a value from " + min + " to "
                            + max + ".");
        }
        long n = v.asLong();
        if (n < min)
            throw InvalidRequest.forParam(path, "Invalid '" + path + "': " + n + " is below the minimum " + min + ".");
        if (n > max)
            throw InvalidRequest.forParam(path, "Invalid '" + path + "': " + n + " is above the maximum " + max + ".");
        return n;
    }

    static Boolean bool(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw wrongType(path, "a boolean", v);
        return v.asBoolean();
    }

    static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) throw wrongType(path, "an object", v);
        return v;
    }

    static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) throw wrongType(path, "an array", v);
        return v;
    }

    static InvalidRequest wrongType(String path, String expected, JsonNode got) {
        return InvalidRequest.forParam(
                path,
                "Invalid type for '" + path + "': expected " + expected + ", but got " + describe(got) + " instead.");
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) return "a string";
        if (v.isIntegralNumber()) return "an integer";
        if (v.isNumber()) return "a decimal";
        if (v.isBoolean()) return "a boolean";
        if (v.isArray()) return "an array";
        if (v.isObject()) return "an object";
        return "null";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
