package dev.switchboard.provider.vertex;

import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.aiplatform.v1.GenerateContentRequest;
import com.google.cloud.aiplatform.v1.GenerateContentResponse;
import dev.switchboard.core.error.NotConfigured;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ChatStream;
import dev.switchboard.core.spi.PushChatStream;
import dev.switchboard.provider.gemini.GeminiRequestMapping;
import dev.switchboard.provider.gemini.GeminiResponseMapping;
import dev.switchboard.provider.gemini.GeminiService;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gemini on Vertex AI through the official client (PredictionService v1, gRPC). Requests and answers go through
 * the Gemini mapping of the core as JSON ({@link VertexJson}), so both services share one mapping and one stream
 * codec.
 */
public final class VertexProvider implements ChatProvider, AutoCloseable {
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);

    private final String id;
    private final VertexConfig config;
    private final VertexTransport transport;
    private final String unavailable;
    private final VertexBatchSettings batch;
    private VertexBatchApi batchApi;
    private VertexBatchFiles batchFiles;

    VertexProvider(String id, VertexConfig config, Map<String, String> headers) {
        this(id, config, headers, null);
    }

    VertexProvider(String id, VertexConfig config, Map<String, String> headers, VertexBatchSettings batch) {
        this.id = id;
        this.config = config;
        this.batch = batch;
        VertexTransport t = null;
        String reason = null;
        try {
            t = VertexTransport.create(config, headers);
        } catch (IOException e) {
            // Typically no Application Default Credentials; the message names where the SDK looked, never a secret.
            reason = "provider '" + id + "' cannot be set up: " + e.getMessage();
        }
        this.transport = t;
        this.unavailable = reason;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return GeminiService.VERTEX.providerType();
    }

    @Override
    public String unavailableReason() {
        return unavailable;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallOptions options) {
        GenerateContentRequest proto = proto(request);
        try {
            GenerateContentResponse response = transport()
                    .prediction()
                    .generateContentCallable()
                    .call(proto, context(options).withTimeoutDuration(options.timeout()));
            return GeminiResponseMapping.fromWire(VertexJson.response(id, response));
        } catch (ApiException e) {
            throw VertexErrors.map(id, e);
        }
    }

    /**
     * Server streaming; returns once the first answer arrived (or the call failed). No deadline is put on the
     * stream as a whole: its pace is bounded by the idle timeout of {@link PushChatStream#next()}, and closing the
     * stream cancels the call.
     */
    @Override
    public ChatStream stream(ChatRequest request, CallOptions options) {
        GenerateContentRequest proto = proto(request);
        VertexTransport t = transport();
        PushChatStream stream = new PushChatStream(id, options.idleTimeout());
        VertexStreamObserver observer = new VertexStreamObserver(id, stream);
        stream.onClose(observer::cancel);
        try {
            t.prediction().streamGenerateContentCallable().call(proto, observer, context(options));
        } catch (ApiException e) {
            throw VertexErrors.map(id, e);
        }
        observer.awaitAccepted(options.timeout());
        return stream;
    }

    /** Google's Gemini publisher models, as the configured location's endpoint lists them (see PublisherModelCatalog). */
    @Override
    public List<ModelInfo> listModels() {
        try {
            return transport().catalog().geminiModels(LIST_TIMEOUT);
        } catch (ApiException e) {
            throw VertexErrors.map(id, e);
        }
    }

    /** Batch prediction jobs, when {@code batch.bucket} is configured; the Cloud Storage client is made on first use. */
    @Override
    public synchronized Optional<NativeBatchApi> nativeBatch() {
        if (batch == null || transport == null || !VertexBatchSettings.storageAvailable()) return Optional.empty();
        if (batchApi == null) {
            batchFiles = new VertexBatchFiles(
                    id, VertexBatchFiles.client(config.project(), batch.storageEndpoint()), batch.bucket());
            batchApi = new VertexBatchApi(id, config, transport.jobs(), batchFiles, batch.prefix());
        }
        return Optional.of(batchApi);
    }

    @Override
    public synchronized void close() {
        if (batchFiles != null) batchFiles.close();
        if (transport != null) transport.close();
    }

    /** The call's context; the attempt's W3C trace context travels as gRPC metadata, as HTTP providers send it. */
    private static GrpcCallContext context(CallOptions options) {
        GrpcCallContext context = GrpcCallContext.createDefault();
        if (options.traceHeaders().isEmpty()) return context;
        Map<String, List<String>> metadata = new HashMap<>();
        options.traceHeaders().forEach((name, value) -> metadata.put(name, List.of(value)));
        return context.withExtraHeaders(metadata);
    }

    private GenerateContentRequest proto(ChatRequest request) {
        return VertexJson.request(
                config.modelResource(request.model()), GeminiRequestMapping.toWire(request, GeminiService.VERTEX));
    }

    private VertexTransport transport() {
        if (transport == null) throw new NotConfigured(unavailable);
        return transport;
    }
}
