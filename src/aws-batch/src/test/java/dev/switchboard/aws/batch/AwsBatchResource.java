package dev.switchboard.aws.batch;

import dev.switchboard.aws.batch.testing.ElasticMqServer;
import dev.switchboard.aws.batch.testing.S3ProxyServer;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.bedrock.BatchStorage;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The batch function's world, started in the test JVM on loopback ports: s3proxy as the bucket (with S3's
 * create-only rule, see {@link S3ProxyServer}), ElasticMQ as the job queue, and the emulator as the upstream
 * ({@code emu}, OpenAI-compatible). Cost records also go to {@link #costFile()} as JSON lines.
 */
public class AwsBatchResource implements QuarkusTestResourceLifecycleManager {
    public static final String BUCKET = "switchboard-batch-test";
    public static final String QUEUE = "switchboard-batch-jobs";

    private static volatile Emulator emulator;
    private static volatile S3ProxyServer s3;
    private static volatile ElasticMqServer sqs;
    private static volatile String queueUrl;
    private static volatile Path costFile;

    public static Emulator emulator() {
        return emulator;
    }

    public static S3ProxyServer s3() {
        return s3;
    }

    public static ElasticMqServer sqs() {
        return sqs;
    }

    public static String queueUrl() {
        return queueUrl;
    }

    public static Path costFile() {
        return costFile;
    }

    @Override
    public Map<String, String> start() {
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc());
        s3 = S3ProxyServer.withConditionalWrites();
        s3.createBucket(BUCKET);
        sqs = new ElasticMqServer();
        try (SqsClient client = sqs.client()) {
            queueUrl = client.createQueue(b -> b.queueName(QUEUE)).queueUrl();
        }
        try {
            costFile = Files.createTempFile("switchboard-aws-batch-costs-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the function's clients take the default credential chain; s3proxy checks SigV4 with these
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);

        Map<String, String> c = new LinkedHashMap<>();
        c.put("switchboard.providers.emu.type", "openai-compatible");
        c.put("switchboard.providers.emu.base-url", emulator.httpBaseUri() + "/v1");
        c.put("switchboard.routes.default.targets", "emu/emulator-1");
        // a provider with a batch API (testing.FakeNativeProviders) for native jobs
        c.put("switchboard.providers.nat.type", "fake-native");
        c.put("switchboard.providers.nat.base-url", emulator.httpBaseUri() + "/v1");
        c.put("switchboard.pricing.overrides.\"nat/emulator-1\".input-per-mtok", "3");
        c.put("switchboard.pricing.overrides.\"nat/emulator-1\".output-per-mtok", "15");
        c.put("switchboard.pricing.overrides.\"nat/emulator-1\".batch-input-per-mtok", "1.5");
        // Bedrock (the package's own provider) against the emulator, its batch jobs' files in the same bucket
        S3Client files = s3.client();
        emulator.bedrockBatch().useStorage(new BatchStorage() {
            @Override
            public byte[] read(String bucket, String key) {
                try {
                    return files.getObjectAsBytes(b -> b.bucket(bucket).key(key))
                            .asByteArray();
                } catch (NoSuchKeyException e) {
                    return null;
                }
            }

            @Override
            public void write(String bucket, String key, byte[] body) {
                files.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
            }
        });
        emulator.bedrockBatch().completeAfterGets(0); // only the test ends a Bedrock job
        c.put("switchboard.providers.bedrock.endpoint", emulator.httpBaseUri().toString());
        c.put("switchboard.providers.bedrock.batch.bucket", BUCKET);
        c.put("switchboard.providers.bedrock.batch.prefix", "native/bedrock/");
        c.put(
                "switchboard.providers.bedrock.batch.role-arn",
                "arn:aws:iam::123456789012:role/switchboard-batch-bedrock");
        c.put("switchboard.providers.bedrock.batch.s3-endpoint", s3.endpoint().toString());
        for (String rate : List.of(
                "input-per-mtok:3", "output-per-mtok:15", "batch-input-per-mtok:1.5", "batch-output-per-mtok:7.5")) {
            String[] r = rate.split(":");
            c.put("switchboard.pricing.overrides.\"bedrock/us.anthropic.emulator-1\"." + r[0], r[1]);
        }
        c.put("switchboard.pricing.overrides.\"nat/emulator-1\".batch-output-per-mtok", "7.5");
        // a waiting job's continuation comes back after 1 s instead of the engine's 30 s
        c.put("switchboard.aws-batch.max-poll-delay", "1s");
        c.put("switchboard.pricing.overrides.\"emu/emulator-1\".input-per-mtok", "3");
        c.put("switchboard.pricing.overrides.\"emu/emulator-1\".output-per-mtok", "15");
        c.put("switchboard.retry.max-attempts", "1");
        c.put("switchboard.cost.file", costFile.toString());
        c.put("switchboard.aws-batch.queue-url", queueUrl);
        c.put("switchboard.aws-batch.bucket", BUCKET);
        c.put("switchboard.aws-batch.region", "us-east-1");
        c.put("switchboard.aws-batch.s3.endpoint", s3.endpoint().toString());
        c.put("switchboard.aws-batch.s3.path-style", "true");
        c.put("switchboard.aws-batch.sqs.endpoint", sqs.endpoint().toString());
        // one line at a time: the deadline test counts lines per invocation
        c.put("switchboard.aws-batch.concurrency", "1");
        return c;
    }

    @Override
    public void stop() {
        if (emulator != null) emulator.close();
        try {
            if (s3 != null) s3.close();
        } catch (Exception ignored) {
            // the test JVM is ending
        }
        if (sqs != null) sqs.close();
    }
}
