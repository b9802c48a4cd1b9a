package dev.switchboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.http.HttpCall;
import dev.switchboard.core.http.HttpChatProvider;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.http.HttpReply;
import dev.switchboard.core.http.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chat over HTTP for OpenAI, Azure OpenAI and OpenAI-compatible servers; the dialect says which, and whether
 * calls go to Chat Completions or to the Responses API.
 */
public final class OpenAiProvider extends HttpChatProvider {
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(20);

    private final OpenAiDialect dialect;

    public OpenAiProvider(String id, OpenAiDialect dialect, Map<String, String> extraHeaders, Duration connectTimeout) {
        super(id, dialect.baseUrl(), extraHeaders, dialect.authHeaders(), connectTimeout,
                (status, hdrs, body) -> OpenAiErrors.map(id, status, hdrs, body));
        this.dialect = dialect;
    }

    @Override
    public String type() {
        return dialect.type();
    }

    @Override
    public String unavailableReason() {
        return dialect.keyRequired() && dialect.apiKey() == null
                ? "provider '" + id + "' has no API key (set switchboard.providers." + id + ".api-key)"
                : null;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallOptions options) {
        if (dialect.responses()) {
            byte[] body = Json.bytes(ResponsesMapping.toWire(request, false));
            HttpReply reply = http.send(HttpCall.postJson(dialect.responsesUri(), headers, body, options.timeout()));
            JsonNode json = Json.tryParse(reply.body());
            if (json == null || !json.isObject()) throw HttpErrors.malformed(id, "response is not JSON");
            return ResponsesMapping.fromWire(json, id);
        }
        byte[] body = Json.bytes(OpenAiMapping.toWire(request, dialect, false));
        HttpReply reply = http.send(HttpCall.postJson(dialect.chatUri(request.model()), headers, body, options.timeout()));
        JsonNode json = Json.tryParse(reply.body());
        if (json == null || !json.isObject()) throw HttpErrors.malformed(id, "chat completion is not JSON");
        return OpenAiMapping.fromWire(json);
    }

    @Override
    public ChatStream stream(ChatRequest request, CallOptions options) {
        if (dialect.responses()) {
            byte[] body = Json.bytes(ResponsesMapping.toWire(request, true));
            HttpCall call = HttpCall.postJson(dialect.responsesUri(), headers, body, options.timeout());
            return http.openSse(call, new ResponsesStreamCodec(id), options.idleTimeout());
        }
        byte[] body = Json.bytes(OpenAiMapping.toWire(request, dialect, true));
        HttpCall call = HttpCall.postJson(dialect.chatUri(request.model()), headers, body, options.timeout());
        return http.openSse(call, new OpenAiStreamCodec(id), options.idleTimeout());
    }

    @Override
    public List<ModelInfo> listModels() {
        HttpReply reply = http.send(HttpCall.get(dialect.modelsUri(), headers, LIST_TIMEOUT));
        JsonNode json = Json.tryParse(reply.body());
        if (json == null) throw HttpErrors.malformed(id, "model list is not JSON");
        // OpenAI and compatible servers answer {"data":[...]}; Ollama's native list says "models".
        List<JsonNode> items = json.has("data") ? Json.elements(json, "data") : Json.elements(json, "models");
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode m : items) {
            String modelId = Json.text(m, "id");
            if (modelId == null) modelId = Json.text(m, "name");
            if (modelId == null) continue;
            Long created = Json.longOrNull(m, "created");
            if (created == null) created = Json.longOrNull(m, "created_at");
            models.add(new ModelInfo(modelId, Json.text(m, "model"), Json.text(m, "owned_by"),
                    created == null ? null : Instant.ofEpochSecond(created), null, null));
        }
        return models;
    }
}
