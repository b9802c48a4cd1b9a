package dev.switchboard.aws.batch.testing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server (s3proxy on its filesystem backend, SigV4 checked) on a random loopback port.
 *
 * <p>s3proxy 2.6.0 ignores {@code If-None-Match: *} on PutObject (gaul/s3proxy#732; its PR #893 is unreleased), so
 * a PUT that should lose a race silently replaces the object ({@code S3ProxyConditionalWriteTest} pins that). AWS
 * S3 has enforced the header since 2024. To test the store's create-only path over the real protocol, this
 * server can put S3's rule in front of s3proxy's handler ({@link #withConditionalWrites()}): a PUT carrying
 * {@code If-None-Match: *} for an existing key gets S3's 412 {@code PreconditionFailed}, decided under a per-key
 * lock so that concurrent writers see exactly one winner.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "AKIDS3PROXY";
    public static final String SECRET_KEY = "s3proxy-" + "test-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final Path dir;

    private S3ProxyServer(boolean conditionalWrites) {
        try {
            dir = Files.createTempDirectory("s3proxy-");
            Properties p = new Properties();
            p.setProperty("jclouds.filesystem.basedir", dir.toString());
            context = ContextBuilder.newBuilder("filesystem")
                    .credentials(ACCESS_KEY, SECRET_KEY)
                    .overrides(p)
                    .build(BlobStoreContext.class);
            proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            if (conditionalWrites) guard(proxy, context.getBlobStore());
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState())) throw new IllegalStateException("s3proxy did not start");
                Thread.onSpinWait();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
    }

    /** s3proxy as it is. */
    public static S3ProxyServer plain() {
        return new S3ProxyServer(false);
    }

    /** s3proxy with S3's create-only rule for {@code If-None-Match: *} PUTs. */
    public static S3ProxyServer withConditionalWrites() {
        return new S3ProxyServer(true);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A client as the function builds one for an S3-compatible endpoint. */
    public S3Client client() {
        return dev.switchboard.aws.batch.store.AwsClients.s3Builder(
                        java.util.Optional.of("us-east-1"), java.util.Optional.of(endpoint()), true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }

    private static void guard(S3Proxy proxy, BlobStore blobs) throws ReflectiveOperationException {
        Field f = S3Proxy.class.getDeclaredField("server");
        f.setAccessible(true);
        Server server = (Server) f.get(proxy);
        Handler s3 = server.getHandler();
        HandlerWrapper conditional = new CreateOnlyPuts(blobs);
        conditional.setHandler(s3);
        server.setHandler(conditional);
    }

    /** S3's {@code If-None-Match: *} rule on PutObject (path-style requests: /bucket/key). */
    private static final class CreateOnlyPuts extends HandlerWrapper {
        private final BlobStore blobs;
        private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

        CreateOnlyPuts(BlobStore blobs) {
            this.blobs = blobs;
        }

        @Override
        public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                throws IOException, jakarta.servlet.ServletException {
            String path = request.getRequestURI();
            int slash = path.indexOf('/', 1);
            boolean createOnly = "PUT".equals(request.getMethod())
                    && "*".equals(request.getHeader("If-None-Match"))
                    && slash > 0
                    && request.getQueryString() == null;
            if (!createOnly) {
                super.handle(target, base, request, response);
                return;
            }
            String bucket = path.substring(1, slash);
            String key =
                    java.net.URLDecoder.decode(path.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
            synchronized (locks.computeIfAbsent(bucket + "/" + key, k -> new Object())) {
                if (blobs.blobExists(bucket, key)) {
                    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PreconditionFailed</Code>"
                                    + "<Message>At least one of the pre-conditions you specified did not hold</Message>"
                                    + "<Condition>If-None-Match</Condition></Error>")
                            .getBytes(StandardCharsets.UTF_8);
                    response.setStatus(412);
                    response.setContentType("application/xml");
                    response.setContentLength(body.length);
                    response.getOutputStream().write(body);
                    base.setHandled(true);
                    return;
                }
                super.handle(target, base, request, response);
            }
        }
    }
}
