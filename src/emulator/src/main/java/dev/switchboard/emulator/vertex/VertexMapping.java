package dev.switchboard.emulator.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.aiplatform.v1.GenerateContentResponse;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.switchboard.emulator.behavior.Json;

/**
 * Proto ↔ JSON. Vertex's {@code GenerateContentRequest/Response} are the Gemini API's schema, so the Vertex
 * front end reads and answers through the proto's canonical JSON form and the Gemini reader/renderer.
 */
final class VertexMapping {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private VertexMapping() {}

    static JsonNode toJson(MessageOrBuilder message) {
        try {
            return Json.parse(PRINTER.print(message));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getClass().getSimpleName(), e);
        }
    }

    static GenerateContentResponse response(ObjectNode json) {
        GenerateContentResponse.Builder builder = GenerateContentResponse.newBuilder();
        try {
            PARSER.merge(Json.text(json), builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("emulator produced a response the v1 proto rejects: " + json, e);
        }
        return builder.build();
    }

    /**
     * The model a resource name addresses: {@code projects/p/locations/l/publishers/google/models/m} → m.
     * A bare name is taken as is, so {@code emulator-1} also works. {@code gemini-emulator…} is served as
     * {@code emulator…}: Vertex batch prediction takes Gemini models only, so a client that checks the name (as
     * Switchboard's batch API does) can still reach the emulator.
     */
    static String modelName(String resource) {
        int at = resource.lastIndexOf("/models/");
        String model = at < 0 ? resource : resource.substring(at + "/models/".length());
        return model.startsWith(GEMINI_ALIAS) ? model.substring("gemini-".length()) : model;
    }

    private static final String GEMINI_ALIAS = "gemini-emulator";
}
