package dev.switchboard.server.batch;

import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.bedrock.BatchStorage;
import dev.switchboard.server.e2e.EmulatorResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;

/**
 * Native batch for the providers whose batch jobs keep their files in a bucket: {@code emu-bedrock} on an s3proxy
 * (filesystem backend, SigV4 checked against the static credentials {@code EmulatorResource} sets) that the Bedrock
 * emulator reads and writes too, and {@code emu-vertex} on the emulator's Cloud Storage server. Starts after
 * {@code EmulatorResource}, whose emulator it wires.
 */
public class NativeProvidersResource implements QuarkusTestResourceLifecycleManager {
    static final String BUCKET = "switchboard-native-e2e";

    private S3Proxy proxy;
    private BlobStoreContext context;

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        Emulator emulator = EmulatorResource.emulator();
        if (emulator == null) throw new IllegalStateException("EmulatorResource must start first");
        String access = System.getProperty("aws.accessKeyId");
        String secret = System.getProperty("aws.secretAccessKey");
        try {
            Properties p = new Properties();
            p.setProperty(
                    "jclouds.filesystem.basedir",
                    Files.createTempDirectory("native-e2e-s3-").toString());
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
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState())) throw new IllegalStateException("s3proxy did not start");
            Thread.onSpinWait();
        }
        BlobStore store = context.getBlobStore();
        store.createContainerInLocation(null, BUCKET);
        emulator.bedrockBatch().useStorage(storage(store));

        Map<String, String> c = new LinkedHashMap<>();
        c.put("switchboard.providers.emu-bedrock.batch.bucket", BUCKET);
        c.put("switchboard.providers.emu-bedrock.batch.role-arn", "arn:aws:iam::123456789012:role/switchboard-batch");
        c.put("switchboard.providers.emu-bedrock.batch.s3-endpoint", "http://127.0.0.1:" + proxy.getPort());
        c.put("switchboard.providers.emu-vertex.batch.bucket", BUCKET);
        c.put(
                "switchboard.providers.emu-vertex.batch.storage-endpoint",
                emulator.gcs().endpoint().toString());
        return c;
    }

    /** The Bedrock emulator's view of the bucket: the same objects the provider's S3 client reads and writes. */
    private static BatchStorage storage(BlobStore store) {
        return new BatchStorage() {
            @Override
            public byte[] read(String bucket, String key) {
                Blob blob = store.getBlob(bucket, key);
                if (blob == null) return null;
                try (InputStream in = blob.getPayload().openStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void write(String bucket, String key, byte[] body) {
                store.putBlob(bucket, store.blobBuilder(key).payload(body).build());
            }
        };
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
        if (context != null) context.close();
    }
}
