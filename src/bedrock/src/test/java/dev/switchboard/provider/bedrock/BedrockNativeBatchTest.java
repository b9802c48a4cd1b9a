package dev.switchboard.provider.bedrock;

import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.core.nativebatch.NativeJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared native batch contract for Bedrock: the real SDK clients against the emulator and s3proxy. */
class BedrockNativeBatchTest extends NativeBatchApiContract {
    private BatchRig rig;

    @BeforeEach
    void start() {
        rig = BatchRig.start();
        rig.emulator.bedrockBatch().completeAfterGets(0); // jobs end through the contract's controls only
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Override
    protected NativeBatchApi api() {
        return rig.api();
    }

    @Override
    protected String model() {
        return "us.anthropic.emulator-1";
    }

    @Override
    protected void finish(NativeJob job) {
        rig.emulator.bedrockBatch().finish(job.providerJobId());
    }

    @Override
    protected void expireAfter(NativeJob job, int answered) {
        rig.emulator.bedrockBatch().expireAfter(job.providerJobId(), answered);
    }

    @Override
    protected int providerJobCount() {
        return rig.emulator.bedrockBatch().jobCount();
    }
}
