package dev.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.NotConfigured;
import dev.switchboard.core.http.HttpChatProvider;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The Gemini API (AI Studio) over HTTP: generateContent, streamGenerateContent (SSE) and the model list. */
public final class GeminiProvider extends HttpChatProvider {
    /** A guard against a server that keeps answering with the same page token. */
    private static final int MAX_PAGES = 50;

    private final GeminiConfig config;
    private final GeminiBatchApi batches;

    public GeminiProvider(String id, GeminiConfig config, Map<String, String> extraHeaders, Duration connectTimeout) {
        this(id, config, extraHeaders, connectTimeout, true);
    }

    /** @param batchEnabled whether batch mode is offered ({@code batch.enabled}, default true) */
    public GeminiProvider(
            String id,
            GeminiConfig config,
            Map<String, String> extraHeaders,
            Duration connectTimeout,
            boolean batchEnabled) {
        super(
                id,
                config.baseUrl(),
                extraHeaders,
                config.authHeaders(),
                connectTimeout,
                (status, hdrs, body) -> GeminiErrors.map(id, status, hdrs, body));
        this.config = config;
        this.batches = batchEnabled ? new GeminiBatchApi(id, config, http, headers) : null;
    }

    @Override
    public String type() {
        return GeminiService.AI_STUDIO.providerType();
    }

    @Override
    public String unavailableReason() {
        return missingKey(config.apiKey());
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallOptions options) {
        requireKey();
        return GeminiResponseMapping.fromWire(postForObject(
                config.generateUri(request.model()),
                GeminiRequestMapping.toWire(request, GeminiService.AI_STUDIO),
                options,
                "generateContent answer"));
    }

    @Override
    public ChatStream stream(ChatRequest request, CallOptions options) {
        requireKey();
        return postForStream(
                config.streamUri(request.model()),
                GeminiRequestMapping.toWire(request, GeminiService.AI_STUDIO),
                options,
                new GeminiStreamCodec(id));
    }

    /** Batch mode (half-price, within 24 hours); see {@link GeminiBatchApi}. */
    @Override
    public Optional<NativeBatchApi> nativeBatch() {
        return Optional.ofNullable(batches);
    }

    /** Models that can generateContent, ids without the "models/" prefix, following every page. */
    @Override
    public List<ModelInfo> listModels() {
        requireKey();
        List<ModelInfo> models = new ArrayList<>();
        Set<String> seenTokens = new HashSet<>();
        String pageToken = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode json = getObject(config.modelsUri(pageToken), "model list");
            for (JsonNode m : Json.elements(json, "models")) {
                ModelInfo info = modelInfo(m);
                if (info != null) models.add(info);
            }
            pageToken = Json.text(json, "nextPageToken");
            if (pageToken == null || pageToken.isEmpty() || !seenTokens.add(pageToken)) break;
        }
        return models;
    }

    static ModelInfo modelInfo(JsonNode m) {
        String name = Json.text(m, "name");
        boolean generates = Json.elements(m, "supportedGenerationMethods").stream()
                .anyMatch(v -> "generateContent".equals(v.asText()));
        if (name == null || !generates) return null;
        String modelId = name.startsWith("models/") ? name.substring("models/".length()) : name;
        Long input = Json.longOrNull(m, "inputTokenLimit");
        Long output = Json.longOrNull(m, "outputTokenLimit");
        return new ModelInfo(
                modelId,
                Json.text(m, "displayName"),
                "google",
                null,
                input == null ? null : Math.toIntExact(input),
                output == null ? null : Math.toIntExact(output));
    }

    private void requireKey() {
        String reason = unavailableReason();
        if (reason != null) throw new NotConfigured(reason);
    }
}
