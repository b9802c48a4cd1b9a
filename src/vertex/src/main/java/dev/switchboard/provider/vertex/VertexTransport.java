package dev.switchboard.provider.vertex;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ClientContext;
import com.google.api.gax.rpc.FixedHeaderProvider;
import com.google.cloud.aiplatform.v1.JobServiceClient;
import com.google.cloud.aiplatform.v1.PredictionServiceClient;
import com.google.cloud.aiplatform.v1.stub.GrpcJobServiceStub;
import com.google.cloud.aiplatform.v1.stub.GrpcPredictionServiceStub;
import com.google.cloud.aiplatform.v1.stub.PredictionServiceStubSettings;
import java.io.IOException;
import java.util.Map;

/**
 * The SDK side of one Vertex provider: a PredictionServiceClient (v1), a JobServiceClient (batch prediction jobs)
 * and the publisher-model catalog, sharing one
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
    private final JobServiceClient jobs;

    private VertexTransport(PredictionServiceClient prediction, PublisherModelCatalog catalog, JobServiceClient jobs) {
        this.prediction = prediction;
        this.catalog = catalog;
        this.jobs = jobs;
    }

    /** Fails with IOException when credentials cannot be found (no ADC). */
    static VertexTransport create(VertexConfig config, Map<String, String> headers) throws IOException {
        ClientContext context = ClientContext.create(settings(config, headers));
        GrpcPredictionServiceStub stub = GrpcPredictionServiceStub.create(context);
        // JobService lives on the same regional endpoint: its stub shares the channel and credentials
        JobServiceClient jobs = JobServiceClient.create(GrpcJobServiceStub.create(context));
        return new VertexTransport(PredictionServiceClient.create(stub), new PublisherModelCatalog(context), jobs);
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

    /** Batch prediction jobs (native batch). */
    JobServiceClient jobs() {
        return jobs;
    }

    @Override
    public void close() {
        // closes the stubs, whose background resources are the shared context's channel and executor
        jobs.close();
        prediction.close();
    }
}
