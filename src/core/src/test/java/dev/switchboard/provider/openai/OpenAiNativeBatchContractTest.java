package dev.switchboard.provider.openai;

import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.core.nativebatch.NativeJob;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared native batch suite for type openai, against the emulated /v1/files + /v1/batches. */
class OpenAiNativeBatchContractTest extends NativeBatchApiContract {
    private EmulatedBatchApi emulated;
    private NativeBatchApi api;

    @BeforeEach
    void start() {
        emulated = new EmulatedBatchApi().manualCompletion();
        api = EmulatedBatchApi.batchApi(emulated.openAi(Map.of()));
    }

    @AfterEach
    void stop() {
        emulated.close();
    }

    @Override
    protected NativeBatchApi api() {
        return api;
    }

    @Override
    protected String model() {
        return "emulator-1";
    }

    @Override
    protected void finish(NativeJob job) {
        emulated.finish(job.providerJobId());
    }

    @Override
    protected void expireAfter(NativeJob job, int answered) {
        emulated.expireAfter(job.providerJobId(), answered);
    }

    @Override
    protected int providerJobCount() {
        return emulated.batchCount();
    }
}
