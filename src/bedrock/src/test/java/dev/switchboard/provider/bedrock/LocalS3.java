package dev.switchboard.provider.bedrock;

import dev.switchboard.emulator.bedrock.BatchStorage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A real S3 API server for the batch tests (s3proxy on its filesystem backend, SigV4 checked) on a random loopback
 * port, and the {@link BatchStorage} through which the Bedrock emulator reads and writes the same objects.
 */
final class LocalS3 implements AutoCloseable {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALS3", "local-s3-" + "secret"));

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final S3Client client;

    LocalS3() throws Exception {
        Path dir = Files.createTempDirectory("bedrock-batch-s3-");
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", dir.toString());
        String access = CREDENTIALS.resolveCredentials().accessKeyId();
        String secret = CREDENTIALS.resolveCredentials().secretAccessKey();
        context = ContextBuilder.newBuilder("filesystem")
                .credentials(access, secret)
                .overrides(p)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, access, secret)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState())) throw new IllegalStateException("s3proxy did not start");
            Thread.onSpinWait();
        }
        client = S3Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    byte[] read(String bucket, String key) {
        try {
            return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    /** The emulator's view of this server. */
    BatchStorage storage() {
        return new BatchStorage() {
            @Override
            public byte[] read(String bucket, String key) {
                return LocalS3.this.read(bucket, key);
            }

            @Override
            public void write(String bucket, String key, byte[] body) {
                client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
            }
        };
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
        context.close();
    }
}
