package dev.switchboard.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.http.HttpChatProvider;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Anthropic Messages API over HTTP: POST /v1/messages (plain or SSE) and GET /v1/models. */
public final class AnthropicProvider extends HttpChatProvider {
    /** A bound on pagination, should an upstream keep saying has_more. */
    private static final int MAX_MODEL_PAGES = 50;

    private final AnthropicConfig config;
    private final AnthropicBatchApi batches;

    public AnthropicProvider(
            String id, AnthropicConfig config, Map<String, String> extraHeaders, Duration connectTimeout) {
        this(id, config, extraHeaders, connectTimeout, true);
    }

    /** @param batchEnabled whether the Message Batches API is offered ({@code batch.enabled}, default true) */
    public AnthropicProvider(
            String id,
            AnthropicConfig config,
            Map<String, String> extraHeaders,
            Duration connectTimeout,
            boolean batchEnabled) {
        super(
                id,
                config.baseUrl(),
                extraHeaders,
                config.headers(),
                connectTimeout,
                (status, hdrs, body) -> AnthropicErrors.map(id, status, hdrs, body));
        this.config = config;
        this.batches = batchEnabled ? new AnthropicBatchApi(id, config, http, headers, Clock.systemUTC()) : null;
    }

    @Override
    public String type() {
        return AnthropicConfig.TYPE;
    }

    @Override
    public String unavailableReason() {
        return missingKey(config.apiKey());
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallOptions options) {
        return AnthropicMapping.fromWire(
                postForObject(config.messagesUri(), AnthropicMapping.toWire(request, false), options, "message"));
    }

    @Override
    public ChatStream stream(ChatRequest request, CallOptions options) {
        return postForStream(
                config.messagesUri(), AnthropicMapping.toWire(request, true), options, new AnthropicStreamCodec(id));
    }

    /** The Message Batches API (half-price, within 24 hours); see {@link AnthropicBatchApi}. */
    @Override
    public Optional<NativeBatchApi> nativeBatch() {
        return Optional.ofNullable(batches);
    }

    /** Every page of GET /v1/models, following has_more / last_id. */
    @Override
    public List<ModelInfo> listModels() {
        List<ModelInfo> models = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_MODEL_PAGES; page++) {
            JsonNode json = getObject(config.modelsUri(after), "model list");
            for (JsonNode m : Json.elements(json, "data")) {
                String modelId = Json.text(m, "id");
                if (modelId == null) continue;
                models.add(new ModelInfo(
                        modelId,
                        Json.text(m, "display_name"),
                        "anthropic",
                        instant(Json.text(m, "created_at")),
                        intOrNull(m, "max_input_tokens"),
                        intOrNull(m, "max_tokens")));
            }
            after = Json.text(json, "last_id");
            if (!json.path("has_more").asBoolean(false) || after == null) break;
        }
        return models;
    }

    /** An RFC 3339 time, or null when absent or unreadable. */
    static Instant instant(String rfc3339) {
        if (rfc3339 == null) return null;
        try {
            return Instant.parse(rfc3339);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer intOrNull(JsonNode node, String field) {
        Long v = Json.longOrNull(node, field);
        return v == null ? null : Math.toIntExact(Math.min(v, Integer.MAX_VALUE));
    }
}
