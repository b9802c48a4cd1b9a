package dev.switchboard.emulator.vertex;

import dev.switchboard.emulator.behavior.Behavior;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The plaintext gRPC server for Vertex AI on 127.0.0.1. */
public final class VertexServer implements AutoCloseable {

    private final Server server;
    private final ExecutorService executor;

    private VertexServer(Server server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static VertexServer start(Behavior behavior, int port) throws IOException {
        // handlers sleep for delay/slow/gap faults: one virtual thread per call keeps that free
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HeaderCapture capture = new HeaderCapture();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .executor(executor)
                .addService(ServerInterceptors.intercept(new VertexPredictionService(behavior), capture))
                .addService(ServerInterceptors.intercept(new VertexModelGarden(behavior), capture))
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
        return new VertexServer(server, executor);
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
