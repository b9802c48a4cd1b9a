package dev.switchboard.core.frontend.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.InvalidRequest;
import java.util.Iterator;
import java.util.Set;

/**
 * Typed access to Messages API request JSON. Every problem is a 400 naming the field by its dotted path
 * ({@code messages.0.content.1.source}) and worded as the Messages API words it ("Field required",
 * "Extra inputs are not permitted"), so Anthropic SDK users see familiar errors.
 */
final class MessagesJson {
    private MessagesJson() {}

    static String string(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw wrongType(path, "a valid string");
        return v.asText();
    }

    static String requiredString(JsonNode parent, String field, String path) {
        String v = string(parent, field, path);
        if (v == null) throw missing(path);
        return v;
    }

    static Double number(JsonNode parent, String field, String path, double min, double max) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw wrongType(path, "a valid number");
        double d = v.asDouble();
        if (d < min)
            throw InvalidRequest.forParam(path, path + ": Input should be greater than or equal to " + fmt(min));
        if (d > max) throw InvalidRequest.forParam(path, path + ": Input should be less than or equal to " + fmt(max));
        return d;
    }

    /** An integer in [min, Integer.MAX_VALUE]: every integer of the Messages API fits an int. */
    static Long integer(JsonNode parent, String field, String path, long min) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            throw wrongType(path, "a valid integer");
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() > Integer.MAX_VALUE) {
            throw InvalidRequest.forParam(path, path + ": Input should be less than or equal to " + Integer.MAX_VALUE);
        }
        long n = v.asLong();
        if (n < min) throw InvalidRequest.forParam(path, path + ": Input should be greater than or equal to " + min);
        return n;
    }

    static Boolean bool(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw wrongType(path, "a valid boolean");
        return v.asBoolean();
    }

    static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) throw wrongType(path, "a valid dictionary");
        return v;
    }

    static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) throw wrongType(path, "a valid list");
        return v;
    }

    /** Rejects any field of {@code node} outside {@code allowed}, naming the first one. */
    static void onlyFields(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                String p = path.isEmpty() ? field : path + "." + field;
                throw InvalidRequest.forParam(p, p + ": Extra inputs are not permitted");
            }
        }
    }

    /** A cache breakpoint: {"type":"ephemeral"} with an optional "ttl". */
    static JsonNode cacheControl(JsonNode parent, String path) {
        JsonNode v = object(parent, "cache_control", path);
        if (v == null) return null;
        onlyFields(v, path, Set.of("type", "ttl"));
        String type = requiredString(v, "type", path + ".type");
        if (!type.equals("ephemeral")) throw unsupported(path + ".type", "Input should be 'ephemeral'");
        string(v, "ttl", path + ".ttl");
        return v;
    }

    static InvalidRequest missing(String path) {
        return InvalidRequest.forParam(path, path + ": Field required");
    }

    static InvalidRequest wrongType(String path, String expected) {
        return InvalidRequest.forParam(path, path + ": Input should be " + expected);
    }

    static InvalidRequest unsupported(String path, String message) {
        return InvalidRequest.forParam(path, path + ": " + message);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
