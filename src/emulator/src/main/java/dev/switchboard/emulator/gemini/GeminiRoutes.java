package dev.switchboard.emulator.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.behavior.Protocol;
import dev.switchboard.emulator.http.FaultedHttpWriter;
import dev.switchboard.emulator.http.Generation;
import dev.switchboard.emulator.http.HttpReply;
import dev.switchboard.emulator.http.Incoming;
import dev.switchboard.emulator.http.ResponseWriter;
import dev.switchboard.emulator.http.Route;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Gemini API ({@code generativelanguage.googleapis.com}) endpoints, v1beta and v1. */
public final class GeminiRoutes {

    private GeminiRoutes() {}

    public static List<Route> routes(Generation generation) {
        // the method separator ':' may arrive percent-encoded
        return List.of(
                Route.of(
                        "POST",
                        "/v1(?:beta)?/models/([^/]+?)(?::|%3[aA])(generateContent|streamGenerateContent)",
                        in -> generate(generation, in)),
                Route.of("GET", "/v1(?:beta)?/models", in -> listModels(generation, in)),
                Route.of("GET", "/v1(?:beta)?/models/([^/:%]+)", in -> getModel(generation, in)));
    }

    private static void generate(Generation generation, Incoming in) throws IOException {
        boolean stream = in.match().group(2).equals("streamGenerateContent");
        boolean sse = "sse".equals(in.queryParam("alt"));
        generation.run(in, Protocol.GEMINI, in.pathParam(1), stream, new GeminiCodec(sse));
    }

    private static void listModels(Generation generation, Incoming in) throws IOException {
        generation.record(in, Protocol.GEMINI, null);
        List<ObjectNode> models = generation.behavior().listedModels().stream()
                .map(GeminiRoutes::modelEntry)
                .toList();
        ResponseWriter.send(in.exchange(), HttpReply.json(200, GeminiCodec.JSON, Json.obj("models", models)));
    }

    private static void getModel(Generation generation, Incoming in) throws IOException {
        String id = in.pathParam(1);
        generation.record(in, Protocol.GEMINI, id);
        if (generation.behavior().resolve(id).isEmpty()) {
            GeminiCodec codec = new GeminiCodec(false);
            FaultedHttpWriter.sendError(in.exchange(), codec, codec.notFound(id));
            return;
        }
        ResponseWriter.send(in.exchange(), HttpReply.json(200, GeminiCodec.JSON, modelEntry(id)));
    }

    private static ObjectNode modelEntry(String id) {
        String display =
                id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1).replace('-', ' ');
        return Json.obj(
                "name",
                "models/" + id,
                "version",
                "001",
                "displayName",
                display,
                "description",
                "Switchboard emulator model",
                "inputTokenLimit",
                1_048_576,
                "outputTokenLimit",
                65_536,
                "supportedGenerationMethods",
                Json.arr("generateContent", "countTokens", "streamGenerateContent"),
                "temperature",
                1.0,
                "topP",
                0.95,
                "topK",
                64,
                "maxTemperature",
                2.0,
                "thinking",
                true);
    }
}
