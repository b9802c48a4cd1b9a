package dev.switchboard.aws.batch.store;

import dev.switchboard.aws.batch.testing.S3ProxyServer;
import dev.switchboard.batch.store.BlobStore;
import dev.switchboard.batch.testing.BlobStoreContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The blob-store contract over the real S3 wire protocol: the AWS SDK's S3 client against s3proxy (filesystem
 * backend, SigV4), one fresh bucket per test. Create-only races are decided by the server's answer to
 * {@code If-None-Match: *} (see {@link S3ProxyServer} for what s3proxy itself does with it).
 */
class S3BlobStoreTest extends BlobStoreContract {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.withConditionalWrites();
        s3 = server.client();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        server.close();
    }

    @Override
    protected BlobStore newStore() {
        String bucket = "contract-" + BUCKETS.incrementAndGet();
        server.createBucket(bucket);
        return new S3BlobStore(s3, bucket);
    }
}
