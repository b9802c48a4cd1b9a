package dev.switchboard.emulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
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

/** OpenAI and Azure OpenAI endpoints (the files and batches APIs: {@link OpenAiBatchRoutes}). */
public final class OpenAiRoutes {

    /** 2025-01-01T00:00:00Z: a fixed creation time keeps listings byte-identical between runs. */
    static final long CREATED = 1_735_689_600L;

    private OpenAiRoutes() {}

    public static List<Route> routes(Generation generation) {
        List<Route> routes = new java.util.ArrayList<>(List.of(
                Route.of("POST", "/v1/chat/completions", in -> chat(generation, in, Protocol.OPENAI, model(in))),
                // Azure's OpenAI-compatible "v1" surface carries the deployment in the body like OpenAI
                Route.of(
                        "POST",
                        "/openai/v1/chat/completions",
                        in -> chat(generation, in, Protocol.AZURE_OPENAI, model(in))),
                Route.of(
                        "POST",
                        "/openai/deployments/([^/]+)/chat/completions",
                        in -> chat(generation, in, Protocol.AZURE_OPENAI, in.pathParam(1))),
                // Anthropic shares GET /v1/models; its SDKs always send anthropic-version
                Route.of("GET", "/v1/models", in -> listModels(generation, in))
                        .when(ex -> !ex.getRequestHeaders().containsKey("anthropic-version")),
                Route.of("GET", "/v1/models/([^/]+)", in -> getModel(generation, in))
                        .when(ex -> !ex.getRequestHeaders().containsKey("anthropic-version")),
                Route.of("GET", "/openai/deployments", in -> listDeployments(generation, in))));
        routes.addAll(OpenAiBatchRoutes.routes(generation));
        return routes;
    }

    private static String model(Incoming in) {
        JsonNode json = in.json();
        return json == null ? null : json.path("model").asText(null);
    }

    private static void chat(Generation generation, Incoming in, Protocol protocol, String model) throws IOException {
        JsonNode json = in.json();
        boolean stream = json != null && json.path("stream").asBoolean(false);
        boolean includeUsage = json != null
                && json.path("stream_options").path("include_usage").asBoolean(false);
        generation.run(in, protocol, model, stream, new OpenAiCodec(protocol == Protocol.AZURE_OPENAI, includeUsage));
    }

    private static void listModels(Generation generation, Incoming in) throws IOException {
        generation.record(in, Protocol.OPENAI, null);
        List<ObjectNode> data = generation.behavior().listedModels().stream()
                .map(OpenAiRoutes::modelEntry)
                .toList();
        ResponseWriter.send(in.exchange(), HttpReply.json(200, Json.obj("object", "list", "data", data)));
    }

    private static void getModel(Generation generation, Incoming in) throws IOException {
        String id = in.pathParam(1);
        generation.record(in, Protocol.OPENAI, id);
        if (generation.behavior().resolve(id).isEmpty()) {
            OpenAiCodec codec = new OpenAiCodec(false, false);
            FaultedHttpWriter.sendError(in.exchange(), codec, codec.notFound(id));
            return;
        }
        ResponseWriter.send(in.exchange(), HttpReply.json(200, modelEntry(id)));
    }

    private static void listDeployments(Generation generation, Incoming in) throws IOException {
        generation.record(in, Protocol.AZURE_OPENAI, null);
        List<ObjectNode> data = generation.behavior().listedModels().stream()
                .map(id -> Json.obj(
                        "id",
                        id,
                        "model",
                        id,
                        "owner",
                        "organization-owner",
                        "status",
                        "succeeded",
                        "created_at",
                        CREATED,
                        "updated_at",
                        CREATED,
                        "object",
                        "deployment",
                        "scale_settings",
                        Json.obj("scale_type", "standard")))
                .toList();
        ResponseWriter.send(in.exchange(), HttpReply.json(200, Json.obj("data", data, "object", "list")));
    }

    private static ObjectNode modelEntry(String id) {
        return Json.obj("id", id, "object", "model", "created", CREATED, "owned_by", "switchboard");
    }
}
