package dev.switchboard.gcp.batch.store;

import com.google.cloud.storage.Storage;
import dev.switchboard.batch.store.BlobStore;
import dev.switchboard.batch.testing.BlobStoreContract;
import dev.switchboard.emulator.gcs.GcsServer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The blob-store contract through the real {@code google-cloud-storage} client (JSON API over HTTP) against the
 * emulator's Cloud Storage server, one fresh bucket per test. Create-only races are decided by the server's answer
 * to {@code ifGenerationMatch=0}.
 */
class GcsBlobStoreTest extends BlobStoreContract {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static GcsServer server;
    private static Storage storage;

    @BeforeAll
    static void start() {
        server = GcsServer.start();
        storage = GcsClients.storage(Optional.of("switchboard-test"), Optional.of(server.endpoint()));
    }

    @AfterAll
    static void stop() throws Exception {
        storage.close();
        server.close();
    }

    @Override
    protected BlobStore newStore() {
        return new GcsBlobStore(storage, "contract-" + BUCKETS.incrementAndGet());
    }
}
