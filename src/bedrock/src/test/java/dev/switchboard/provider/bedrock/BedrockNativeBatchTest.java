package dev.switchboard.provider.bedrock;

import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.regions.Region;

/** The shared native batch contract for Bedrock: the real SDK clients against the emulator and s3proxy. */
class BedrockNativeBatchTest extends NativeBatchApiContract {
    static final String BUCKET = "switchboard-batch";
    static final String ROLE = "arn:aws:iam::123456789012:role/switchboard-bedrock-batch";

    private static LocalS3 s3;
    private Emulator emulator;
    private BedrockProvider provider;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new LocalS3();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @BeforeEach
    void start() {
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc());
        emulator.bedrockBatch().useStorage(s3.storage());
        emulator.bedrockBatch().completeAfterGets(0); // jobs end through the contract's controls only
        provider = provider(emulator, s3);
    }

    @AfterEach
    void stop() {
        TestBedrock.closeInBackground(provider);
        emulator.close();
    }

    static BedrockProvider provider(Emulator emulator, LocalS3 s3) {
        return new BedrockProvider(
                new BedrockConfig(
                        "bedrock",
                        Region.US_EAST_1,
                        emulator.httpBaseUri(),
                        Duration.ofSeconds(5),
                        new BedrockBatchOptions(BUCKET, "native/", ROLE, s3.endpoint())),
                LocalS3.CREDENTIALS);
    }

    @Override
    protected NativeBatchApi api() {
        return provider.nativeBatch().orElseThrow();
    }

    @Override
    protected String model() {
        return "us.anthropic.emulator-1";
    }

    @Override
    protected void finish(NativeJob job) {
        emulator.bedrockBatch().finish(job.providerJobId());
    }

    @Override
    protected void expireAfter(NativeJob job, int answered) {
        emulator.bedrockBatch().expireAfter(job.providerJobId(), answered);
    }

    @Override
    protected int providerJobCount() {
        return emulator.bedrockBatch().jobCount();
    }
}
