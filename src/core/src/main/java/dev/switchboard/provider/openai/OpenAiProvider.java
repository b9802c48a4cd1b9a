package dev.switchboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.http.HttpChatProvider;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chat over HTTP for OpenAI, Azure OpenAI and OpenAI-compatible servers; the config says which, and whether
 * calls go to Chat Completions or to the Responses API.
 */
public final class OpenAiProvider extends HttpChatProvider {
    private final OpenAiConfig config;
    private final Optional<NativeBatchApi> nativeBatch;
    // the chat URI is the same for every model except on Azure (deployment in the path): parsed once, not per call
    private final URI fixedChatUri;

    public OpenAiProvider(String id, OpenAiConfig config, Map<String, String> extraHeaders, Duration connectTimeout) {
        this(id, config, extraHeaders, connectTimeout, Map.of());
    }

    /**
     * @param batch {@code switchboard.providers.<id>.batch.*}: {@code enabled} ("false" turns native batch off),
     *              {@code deployment} (Azure: the Global-Batch deployment every batch line goes to)
     */
    public OpenAiProvider(
            String id,
            OpenAiConfig config,
            Map<String, String> extraHeaders,
            Duration connectTimeout,
            Map<String, String> batch) {
        super(
                id,
                config.baseUrl(),
                extraHeaders,
                config.authHeaders(),
                connectTimeout,
                (status, hdrs, body) -> OpenAiErrors.map(id, status, hdrs, body));
        this.config = config;
        this.fixedChatUri = config.azure() || config.baseUrl() == null ? null : config.chatUri(null);
        // OpenAI-compatible servers have no files/batches API to rely on
        boolean batchable = !OpenAiConfig.COMPATIBLE.equals(config.type()) && !"false".equals(batch.get("enabled"));
        this.nativeBatch = batchable
                ? Optional.of(new OpenAiBatchApi(id, config, http, headers, batch.get("deployment")))
                : Optional.empty();
    }

    @Override
    public Optional<NativeBatchApi> nativeBatch() {
        return nativeBatch;
    }

    @Override
    public String type() {
        return config.type();
    }

    @Override
    public String unavailableReason() {
        return config.keyRequired() ? missingKey(config.apiKey()) : null;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallOptions options) {
        if (config.responses()) {
            JsonNode json =
                    postForObject(config.responsesUri(), ResponsesMapping.toWire(request, false), options, "response");
            return ResponsesMapping.fromWire(json, id);
        }
        JsonNode json = postForObject(
                fixedChatUri != null ? fixedChatUri : config.chatUri(request.model()),
                OpenAiMapping.toWire(request, config, false),
                options,
                "chat completion");
        return OpenAiMapping.fromWire(json);
    }

    @Override
    public ChatStream stream(ChatRequest request, CallOptions options) {
        if (config.responses()) {
            return postForStream(
                    config.responsesUri(),
                    ResponsesMapping.toWire(request, true),
                    options,
                    new ResponsesStreamCodec(id));
        }
        return postForStream(
                fixedChatUri != null ? fixedChatUri : config.chatUri(request.model()),
                OpenAiMapping.toWire(request, config, true),
                options,
                new OpenAiStreamCodec(id));
    }

    @Override
    public List<ModelInfo> listModels() {
        JsonNode json = getObject(config.modelsUri(), "model list");
        // OpenAI and compatible servers answer {"data":[...]}; Ollama's native list says "models".
        List<JsonNode> items = json.has("data") ? Json.elements(json, "data") : Json.elements(json, "models");
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode m : items) {
            String modelId = Json.text(m, "id");
            if (modelId == null) modelId = Json.text(m, "name");
            if (modelId == null) continue;
            Long created = Json.longOrNull(m, "created");
            if (created == null) created = Json.longOrNull(m, "created_at");
            models.add(new ModelInfo(
                    modelId,
                    Json.text(m, "model"),
                    Json.text(m, "owned_by"),
                    created == null ? null : Instant.ofEpochSecond(created),
                    null,
                    null));
        }
        return models;
    }
}
