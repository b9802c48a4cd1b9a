package dev.switchboard.provider.openai;

import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.spi.ChatProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared native batch suite against a fresh emulator per test, batches finishing only when the suite says. */
abstract class EmulatedBatchContract extends NativeBatchApiContract {
    private EmulatedBatchApi emulated;
    private NativeBatchApi api;

    /** The provider under test, pointed at {@code emulated}. */
    abstract ChatProvider provider(EmulatedBatchApi emulated);

    @BeforeEach
    void start() {
        emulated = new EmulatedBatchApi().manualCompletion();
        api = EmulatedBatchApi.batchApi(provider(emulated));
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
