package dev.switchboard.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.aiplatform.v1.GenerateContentRequest;
import com.google.cloud.aiplatform.v1.GenerateContentResponse;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.json.Json;

/**
 * The bridge between the Gemini REST JSON the shared mapping speaks and the v1 protos of the SDK, through
 * protobuf's canonical JSON mapping. The JSON detour costs microseconds next to a model call and keeps one
 * mapping for both services. Fields v1 lacks (functionCall.id, functionResponse.id) are dropped by the parser.
 */
final class VertexJson {
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private VertexJson() {}

    static GenerateContentRequest request(String modelResource, ObjectNode wire) {
        GenerateContentRequest.Builder b = GenerateContentRequest.newBuilder();
        try {
            PARSER.merge(Json.write(wire), b);
        } catch (InvalidProtocolBufferException e) {
            // The wire JSON is ours; what the parser refuses is a value the caller passed through (a bad enum name).
            throw new InvalidRequest(
                    ErrorInfo.of("vertex: the request does not fit the Vertex API: " + e.getMessage()), e);
        }
        return b.setModel(modelResource).build();
    }

    /** The canonical JSON of a request, as a batch input line carries it. */
    static String print(GenerateContentRequest request) {
        try {
            return PRINTER.print(request);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a built request always prints", e);
        }
    }

    /** A response as a batch prediction file carries it (canonical JSON), through the v1 proto like a live answer. */
    static JsonNode response(String provider, JsonNode json) {
        GenerateContentResponse.Builder b = GenerateContentResponse.newBuilder();
        try {
            PARSER.merge(Json.write(json), b);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw HttpErrors.malformed(provider, "GenerateContentResponse could not be read");
        }
        return response(provider, b.build());
    }

    static JsonNode response(String provider, GenerateContentResponse response) {
        try {
            return Json.parse(PRINTER.print(response));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw HttpErrors.malformed(provider, "GenerateContentResponse could not be read");
        }
    }
}
