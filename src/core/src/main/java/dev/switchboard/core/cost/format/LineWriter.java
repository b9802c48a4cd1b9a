package dev.switchboard.core.cost.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostRecordJson;
import dev.switchboard.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Compact single-line JSON. Differs from {@code Json.write} in one respect: decimals are written plain, so a
 * cost of 3.75E-7 dollars reads as 0.000000375 in logs and filters.
 */
final class LineWriter {
    private static final ObjectMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder().recyclerPool(Json.BUFFERS).build())
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            // a character outside the BMP as its 4 UTF-8 bytes (as in the String form), not an escaped surrogate pair
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private LineWriter() {}

    /** {@code CostRecordJson.toJson(r)} as {@link #write} writes it, in UTF-8, plus the newline; no tree. */
    static byte[] recordLine(CostRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            CostRecordJson.write(g, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
