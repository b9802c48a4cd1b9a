package dev.switchboard.emulator.firestore;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A plaintext gRPC Firestore (v1) on 127.0.0.1 for the RPCs the Switchboard stores use, with pessimistic
 * transaction locks ({@link FirestoreDocuments}). Point the real client at it with
 * {@code FirestoreOptions.newBuilder().setEmulatorHost(emulator.host())} (plaintext, no credentials). State is in
 * memory, shared by every project and database name.
 */
public final class FirestoreEmulator implements AutoCloseable {

    private final Server server;
    private final ExecutorService executor;

    private FirestoreEmulator(Server server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on a free loopback port; a transaction waiting longer than 5 s for a lock is ABORTED. */
    public static FirestoreEmulator start() throws IOException {
        return start(Duration.ofSeconds(5));
    }

    public static FirestoreEmulator start(Duration lockWait) throws IOException {
        // lock waits block their handler: one virtual thread per call
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .executor(executor)
                .addService(new FirestoreService(new FirestoreDocuments(lockWait)))
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
        return new FirestoreEmulator(server, executor);
    }

    /** {@code 127.0.0.1:PORT}, for {@code setEmulatorHost}. */
    public String host() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        executor.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
