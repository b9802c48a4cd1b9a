package dev.switchboard.provider.vertex;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ClientContext;
import com.google.api.gax.rpc.FixedHeaderProvider;
import com.google.cloud.aiplatform.v1.PredictionServiceClient;
import com.google.cloud.aiplatform.v1.stub.GrpcPredictionServiceStub;
import com.google.cloud.aiplatform.v1.stub.PredictionServiceStubSettings;
import java.io.IOException;
import java.util.Map;

/**
 * The SDK side of one Vertex provider: a PredictionServiceClient (v1) and the publisher-model catalog, sharing one
 * gax ClientContext (one channel, one set of credentials). Credentials are Application Default Credentials,
 * or none for a plaintext endpoint (a local gRPC server or emulator).
 *
 * <p>Retries: the gateway retries and falls over itself, so the SDK must not retry underneath it. The generated
 * call settings already have no retryable codes and no RPC timeout for every aiplatform v1 method (a test pins
 * this for generateContent and streamGenerateContent); each call carries its own deadline instead.
 */
final class VertexTransport implements AutoCloseable {
    private final PredictionServiceClient prediction;
    private final PublisherModelCatalog catalog;

    private VertexTransport(PredictionServiceClient prediction, PublisherModelCatalog catalog) {
        this.prediction = prediction;
        this.catalog = catalog;
    }

    /** Fails with IOException when credentials cannot be found (no ADC). */
    static VertexTransport create(VertexConfig config, Map<String, String> headers) throws IOException {
        ClientContext context = ClientContext.create(settings(config, headers));
        GrpcPredictionServiceStub stub = GrpcPredictionServiceStub.create(context);
        return new VertexTransport(PredictionServiceClient.create(stub), new PublisherModelCatalog(context));
    }

    static PredictionServiceStubSettings settings(VertexConfig config, Map<String, String> headers) throws IOException {
        PredictionServiceStubSettings.Builder settings = PredictionServiceStubSettings.newBuilder();
        InstantiatingGrpcChannelProvider.Builder channel =
                PredictionServiceStubSettings.defaultGrpcTransportProviderBuilder();
        if (config.plaintext()) {
            channel.setChannelConfigurator(builder -> builder.usePlaintext());
            settings.setCredentialsProvider(NoCredentialsProvider.create());
        } else {
            settings.setCredentialsProvider(PredictionServiceStubSettings.defaultCredentialsProviderBuilder()
                    .build());
        }
        settings.setTransportChannelProvider(channel.build());
        settings.setEndpoint(config.effectiveEndpoint());
        if (!headers.isEmpty()) settings.setHeaderProvider(FixedHeaderProvider.create(headers));
        return settings.build();
    }

    PredictionServiceClient prediction() {
        return prediction;
    }

    PublisherModelCatalog catalog() {
        return catalog;
    }

    @Override
    public void close() {
        // closes the stub, whose background resources are the shared context's channel and executor
        prediction.close();
    }
}
