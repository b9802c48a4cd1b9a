package dev.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.regions.Region;

/**
 * A fresh Bedrock emulator and a provider with batch options pointed at it, both sharing one s3proxy per test JVM
 * (started on first use, stopped at exit) with a bucket {@value #BUCKET}.
 */
final class BatchRig implements AutoCloseable {
    static final String BUCKET = "switchboard-batch";
    static final String PREFIX = "native/";
    static final String ROLE = "arn:aws:iam::123456789012:role/switchboard-bedrock-batch";

    private static LocalS3 s3;

    final Emulator emulator;
    final BedrockProvider provider;

    private BatchRig() {
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc());
        emulator.bedrockBatch().useStorage(s3().storage());
        provider = new BedrockProvider(
                new BedrockConfig(
                        "bedrock",
                        Region.US_EAST_1,
                        emulator.httpBaseUri(),
                        Duration.ofSeconds(5),
                        new BedrockBatchOptions(BUCKET, PREFIX, ROLE, s3().endpoint())),
                LocalS3.CREDENTIALS);
    }

    static BatchRig start() {
        return new BatchRig();
    }

    static synchronized LocalS3 s3() {
        if (s3 == null) {
            try {
                s3 = new LocalS3();
            } catch (Exception e) {
                throw new IllegalStateException("s3proxy did not start", e);
            }
            s3.createBucket(BUCKET);
            LocalS3 started = s3;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return s3;
    }

    NativeBatchApi api() {
        return provider.nativeBatch().orElseThrow();
    }

    /** The body of the first CreateModelInvocationJob the emulator received. */
    JsonNode createRequest() {
        return Json.parse(emulator.requests().stream()
                .filter(r -> r.path().equals("/model-invocation-job"))
                .findFirst()
                .orElseThrow()
                .body()
                .toString());
    }

    /** The input lines uploaded for a Switchboard job. */
    String[] inputLines(String jobId) {
        byte[] input = s3().read(BUCKET, PREFIX + jobId + "/input.jsonl");
        return input == null
                ? new String[0]
                : new String(input, StandardCharsets.UTF_8).strip().split("\n");
    }

    @Override
    public void close() {
        TestBedrock.closeInBackground(provider);
        emulator.close();
    }
}
