package dev.switchboard.emulator.vertex;

import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.gcs.GcsServer;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The plaintext gRPC server for Vertex AI on 127.0.0.1: PredictionService, ModelGardenService and, with a Cloud
 * Storage server to keep files in, JobService batch prediction. */
public final class VertexServer implements AutoCloseable {

    private final Server server;
    private final ExecutorService executor;
    private final VertexBatchJobs batchJobs;

    private VertexServer(Server server, ExecutorService executor, VertexBatchJobs batchJobs) {
        this.server = server;
        this.executor = executor;
        this.batchJobs = batchJobs;
    }

    public static VertexServer start(Behavior behavior, int port) throws IOException {
        return start(behavior, port, null);
    }

    /**
     * With {@code gcs}, also JobService batch prediction jobs reading their input from and writing their
     * predictions to that Cloud Storage server ({@link #batchJobs()}).
     */
    public static VertexServer start(Behavior behavior, int port, GcsServer gcs) throws IOException {
        // handlers sleep for delay/slow/gap faults: one virtual thread per call keeps that free
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HeaderCapture capture = new HeaderCapture();
        VertexBatchJobs jobs = gcs == null ? null : new VertexBatchJobs(behavior, gcs);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .executor(executor)
                .addService(ServerInterceptors.intercept(new VertexPredictionService(behavior), capture))
                .addService(ServerInterceptors.intercept(new VertexModelGarden(behavior), capture));
        if (jobs != null)
            builder.addService(ServerInterceptors.intercept(new VertexJobService(behavior, jobs), capture));
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
        return new VertexServer(server, executor, jobs);
    }

    /** The batch prediction jobs and their controls; only when started with a Cloud Storage server. */
    public VertexBatchJobs batchJobs() {
        if (batchJobs == null) throw new IllegalStateException("started without Cloud Storage: no batch jobs");
        return batchJobs;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        // interrupts handlers still sleeping in a delay/slow/gap fault so termination need not wait for them
        executor.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
