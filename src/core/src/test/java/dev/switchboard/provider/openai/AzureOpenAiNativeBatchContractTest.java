package dev.switchboard.provider.openai;

import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.core.nativebatch.NativeJob;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared native batch suite for type azure-openai, against the emulated /openai/files + /openai/batches; lines go to the configured batch deployment. */
class AzureOpenAiNativeBatchContractTest extends NativeBatchApiContract {
    private EmulatedBatchApi emulated;
    private NativeBatchApi api;

    @BeforeEach
    void start() {
        emulated = new EmulatedBatchApi().manualCompletion();
        api = EmulatedBatchApi.batchApi(emulated.azure(Map.of("deployment", "emulator-global-batch")));
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
        return "emulator-standard"; // replaced by the batch deployment in every line
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
