package dev.switchboard.provider.vertex;

import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.gcs.GcsServer;
import dev.switchboard.emulator.vertex.VertexServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The native batch contract for Vertex: the real JobServiceClient (plaintext gRPC) and Cloud Storage client against
 * the emulator's JobService and Cloud Storage server, fresh for every test.
 */
class VertexBatchApiTest extends NativeBatchApiContract {
    static final String BUCKET = "batch-bucket";

    GcsServer gcs;
    VertexServer vertex;
    VertexProvider provider;

    @BeforeEach
    void start() throws IOException {
        gcs = GcsServer.start();
        vertex = VertexServer.start(new Behavior(List.of(), 100), 0, gcs);
        provider = provider(gcs, vertex, Map.of());
    }

    /** A Vertex provider against the emulator with native batch into {@link #BUCKET}. */
    static VertexProvider provider(GcsServer gcs, VertexServer vertex, Map<String, String> extra) {
        Map<String, String> batch = new java.util.HashMap<>(Map.of(
                "bucket",
                BUCKET,
                "prefix",
                "jobs",
                "storage-endpoint",
                gcs.endpoint().toString()));
        batch.putAll(extra);
        return (VertexProvider) new VertexProviderFactory()
                .create(ProviderSettings.builder("vx", "vertex")
                        .project("p1")
                        .location("us-central1")
                        .endpoint("127.0.0.1:" + vertex.port())
                        .plaintext(true)
                        .batch(batch)
                        .build());
    }

    @AfterEach
    void stop() {
        provider.close();
        vertex.close();
        gcs.close();
    }

    @Override
    protected NativeBatchApi api() {
        return provider.nativeBatch().orElseThrow();
    }

    @Override
    protected String model() {
        return "emulator";
    }

    @Override
    protected void finish(NativeJob job) {
        vertex.batchJobs().finish(job.providerJobId());
    }

    @Override
    protected void expireAfter(NativeJob job, int answered) {
        vertex.batchJobs().expireAfter(job.providerJobId(), answered);
    }

    @Override
    protected int providerJobCount() {
        return vertex.batchJobs().count();
    }
}
