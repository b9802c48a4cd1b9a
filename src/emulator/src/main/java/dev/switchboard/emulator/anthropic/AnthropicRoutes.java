package dev.switchboard.emulator.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.behavior.Protocol;
import dev.switchboard.emulator.http.FaultedHttpWriter;
import dev.switchboard.emulator.http.Generation;
import dev.switchboard.emulator.http.HttpCodec;
import dev.switchboard.emulator.http.HttpReply;
import dev.switchboard.emulator.http.Incoming;
import dev.switchboard.emulator.http.ResponseWriter;
import dev.switchboard.emulator.http.Route;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Anthropic Messages and Models endpoints. */
public final class AnthropicRoutes {

    static final String CREATED_AT = "2025-01-01T00:00:00Z";

    private AnthropicRoutes() {}

    public static List<Route> routes(Generation generation) {
        return List.of(
                Route.of("POST", "/v1/messages", in -> messages(generation, in)),
                Route.of("GET", "/v1/models", in -> listModels(generation, in))
                        .when(ex -> ex.getRequestHeaders().containsKey("anthropic-version")),
                Route.of("GET", "/v1/models/([^/]+)", in -> getModel(generation, in))
                        .when(ex -> ex.getRequestHeaders().containsKey("anthropic-version")));
    }

    /** The Messages API wire shapes, for other carriers of Claude bodies (Bedrock batch jobs). */
    public static HttpCodec codec() {
        return new AnthropicCodec();
    }

    private static void messages(Generation generation, Incoming in) throws IOException {
        JsonNode json = in.json();
        String model = json == null ? null : json.path("model").asText(null);
        boolean stream = json != null && json.path("stream").asBoolean(false);
        generation.run(in, Protocol.ANTHROPIC, model, stream, new AnthropicCodec());
    }

    private static void listModels(Generation generation, Incoming in) throws IOException {
        generation.record(in, Protocol.ANTHROPIC, null);
        List<String> ids = generation.behavior().listedModels();
        ResponseWriter.send(
                in.exchange(),
                HttpReply.json(
                        200,
                        Json.obj(
                                "data",
                                ids.stream().map(AnthropicRoutes::modelEntry).toList(),
                                "has_more",
                                false,
                                "first_id",
                                ids.isEmpty() ? null : ids.getFirst(),
                                "last_id",
                                ids.isEmpty() ? null : ids.getLast())));
    }

    private static void getModel(Generation generation, Incoming in) throws IOException {
        String id = in.pathParam(1);
        generation.record(in, Protocol.ANTHROPIC, id);
        if (generation.behavior().resolve(id).isEmpty()) {
            AnthropicCodec codec = new AnthropicCodec();
            FaultedHttpWriter.sendError(in.exchange(), codec, codec.notFound(id));
            return;
        }
        ResponseWriter.send(in.exchange(), HttpReply.json(200, modelEntry(id)));
    }

    private static ObjectNode modelEntry(String id) {
        return Json.obj("type", "model", "id", id, "display_name", displayName(id), "created_at", CREATED_AT);
    }

    /** "emulator-1" → "Emulator 1". */
    static String displayName(String id) {
        String spaced = id.replace('-', ' ');
        return spaced.isEmpty() ? spaced : spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
    }
}
