package dev.switchboard.provider.bedrock;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.NotConfigured;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ChatStream;
import dev.switchboard.core.spi.PushChatStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;

/**
 * Amazon Bedrock through Converse / ConverseStream for every model. The SDK signs every call (SigV4) with the
 * credentials it was given — the default credential chain in production — so no secret passes through this code.
 */
public final class BedrockProvider implements ChatProvider, AutoCloseable {
    public static final String TYPE = "bedrock";
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(20);
    private static final boolean S3_PRESENT = present("software.amazon.awssdk.services.s3.S3Client");

    private final BedrockConfig settings;
    private final BedrockClients clients;
    private final Lazy<BedrockModelListing> listing;
    private final Lazy<BedrockBatchApi> batch;

    /** Tests pass static credentials here; {@link BedrockProviderFactory} passes the default chain. */
    BedrockProvider(BedrockConfig settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.clients = new BedrockClients(settings, credentials);
        this.listing = new Lazy<>(() -> new BedrockModelListing(settings, credentials));
        this.batch = new Lazy<>(() -> new BedrockBatchApi(settings, credentials));
    }

    /**
     * Batch inference jobs, when {@code batch.bucket} and {@code batch.role-arn} are configured and the package
     * carries the S3 client (the HTTP function leaves it out: it runs no batch jobs).
     */
    @Override
    public Optional<NativeBatchApi> nativeBatch() {
        if (settings.batch() == null || unavailableReason() != null || !S3_PRESENT) return Optional.empty();
        return Optional.of(batch.get());
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String unavailableReason() {
        return settings.unavailableReason();
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallOptions options) {
        requireAvailable();
        ConverseRequest converse = BedrockRequestMapping.toConverse(request).toBuilder()
                .overrideConfiguration(o -> {
                    o.apiCallTimeout(options.timeout());
                    options.traceHeaders().forEach(o::putHeader);
                })
                .build();
        try {
            return BedrockResponseMapping.fromConverse(clients.runtime().converse(converse));
        } catch (SdkException e) {
            throw BedrockErrors.map(id(), e);
        }
    }

    /**
     * Returns once Bedrock answered 200 (or throws what it answered instead), waiting at most
     * {@code options.timeout()}; later events are bounded by the idle timeout of each {@code next()}. Closing the
     * stream cancels the subscription and the SDK call, which closes the connection.
     */
    @Override
    public ChatStream stream(ChatRequest request, CallOptions options) {
        requireAvailable();
        ConverseStreamRequest converse = BedrockRequestMapping.toConverseStream(request);
        if (!options.traceHeaders().isEmpty()) {
            // the attempt's W3C trace context, so a Bedrock-side trace joins the caller's (signed like any header)
            converse = converse.toBuilder()
                    .overrideConfiguration(o -> options.traceHeaders().forEach(o::putHeader))
                    .build();
        }
        PushChatStream stream = new PushChatStream(id(), options.idleTimeout());
        BedrockStreamBridge bridge = new BedrockStreamBridge(id(), stream);
        CompletableFuture<Void> call;
        try {
            call = clients.runtimeAsync().converseStream(converse, bridge);
        } catch (SdkException e) {
            throw BedrockErrors.map(id(), e);
        }
        // Failures the SDK reports only through the future (none known) still reach the consumer.
        call.whenComplete((ok, thrown) -> {
            if (thrown != null) bridge.exceptionOccurred(thrown);
        });
        stream.onClose(() -> {
            bridge.cancel();
            call.cancel(true);
        });
        try {
            bridge.awaitAccepted(options.timeout());
        } catch (SwitchboardException e) {
            stream.close();
            throw e;
        }
        return stream;
    }

    @Override
    public List<ModelInfo> listModels() {
        requireAvailable();
        try {
            return listing.get().list(LIST_TIMEOUT);
        } catch (SdkException e) {
            throw BedrockErrors.map(id(), e);
        } catch (NoClassDefFoundError e) {
            throw new NotConfigured(
                    ErrorInfo.of("provider '" + id() + "' cannot list models: "
                                    + "software.amazon.awssdk:bedrock is not on the classpath")
                            .withProvider(id()),
                    e);
        }
    }

    @Override
    public void close() {
        clients.close();
        listing.close();
        batch.close();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, BedrockProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private void requireAvailable() {
        String reason = unavailableReason();
        if (reason != null) throw new NotConfigured(ErrorInfo.of(reason).withProvider(id()));
    }
}
