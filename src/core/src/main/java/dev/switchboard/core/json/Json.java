package dev.switchboard.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON as trees: every wire format is read and written with explicit code over JsonNode, so unknown fields
 * never break a parse and nothing depends on reflection (native-image friendly).
 */
public final class Json {
    /**
     * Read limits, explicit rather than Jackson's defaults of the day (README, "Limits"): nesting deep enough for
     * any real JSON schema, strings long enough for a base64 image of a maximal body, numbers no caller needs
     * longer (a 1,000-digit number costs quadratic time to convert).
     */
    public static final StreamReadConstraints READ_LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(128)
            .maxStringLength(16 * 1024 * 1024)
            .maxNumberLength(100)
            .maxNameLength(1024)
            .build();

    /**
     * Jackson's buffers (8 KB+ per parser or generator) come from one pool shared by all threads: the default pool
     * is per thread, and every request runs on a new virtual thread, so it allocated them afresh per request.
     */
    public static final RecyclerPool<BufferRecycler> BUFFERS = JsonRecyclerPools.sharedConcurrentDequePool();

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(READ_LIMITS)
                    .recyclerPool(BUFFERS)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectReader TREES = MAPPER.reader().with(NODES);

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Parses JSON text; throws {@link JsonProcessingException} (unchecked-wrapped) on malformed input. */
    public static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses, returning null instead of throwing on malformed input. */
    public static JsonNode tryParse(byte[] bytes) {
        try {
            return bytes == null || bytes.length == 0 ? null : MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    public static JsonNode tryParse(String text) {
        try {
            return text == null || text.isBlank() ? null : MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code body} writes to a generator, as {@link #bytes} would write the same tree: no tree built. */
    public static byte[] stream(GeneratorBody body) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** What {@code body} writes, as a tree with exact decimals (as {@link #object} builds them). */
    public static JsonNode tree(GeneratorBody body) {
        try (TokenBuffer buffer = new TokenBuffer(MAPPER, false)) {
            body.write(buffer);
            try (JsonParser p = buffer.asParser(MAPPER)) {
                return TREES.readTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one JSON value. */
    @FunctionalInterface
    public interface GeneratorBody {
        void write(JsonGenerator g) throws IOException;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text field, or null when absent, null or not text. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** An integral field, or null when absent or not a number. */
    public static Long longOrNull(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.asLong() : null;
    }

    /** Follows a path of field names; null as soon as one is missing. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode cur = node;
        for (String p : path) {
            if (cur == null || !cur.isObject()) return null;
            cur = cur.get(p);
        }
        return cur == null || cur.isNull() ? null : cur;
    }

    public static Long longAt(JsonNode node, String... path) {
        JsonNode v = at(node, path);
        return v != null && v.isNumber() ? v.asLong() : null;
    }

    /** Elements of an array field; empty when absent or not an array. */
    public static List<JsonNode> elements(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v != null && v.isArray()) v.forEach(out::add);
        return out;
    }

    /** Text that is a JSON object or array parsed; anything else kept as a JSON string. */
    public static JsonNode parseArguments(String raw) {
        JsonNode parsed = tryParse(raw);
        if (parsed != null && (parsed.isObject() || parsed.isArray())) return parsed;
        return raw == null || raw.isBlank() ? object() : NODES.textNode(raw);
    }
}
