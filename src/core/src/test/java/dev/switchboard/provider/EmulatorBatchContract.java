package dev.switchboard.provider;

import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.nativebatch.EmulatedBatch;
import dev.switchboard.emulator.nativebatch.EmulatedBatches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared native batch suite for an HTTP provider against a fresh emulator per test, whose jobs end only when
 * the suite says (finish, expire) rather than after a number of polls.
 */
public abstract class EmulatorBatchContract extends NativeBatchApiContract {
    protected Emulator emulator;
    private NativeBatchApi api;

    /** The provider's factory and its settings (type, key); the base URL is the emulator's. */
    protected abstract ProviderFactory factory();

    protected abstract ProviderSettings.Builder settings();

    /** The emulator's store of this provider's batch jobs. */
    protected abstract EmulatedBatches batches();

    /** The emulator's id of a provider job. */
    protected String emulatorId(NativeJob job) {
        return job.providerJobId();
    }

    @BeforeEach
    void startEmulator() {
        emulator = Emulator.start(EmulatorOptions.defaults());
        batches().finishAfterGets(0);
        api = newApi();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    /** A fresh provider: what another process (a function after a crash) sees, without this one's memory. */
    protected NativeBatchApi newApi() {
        return factory()
                .create(settings().baseUrl(emulator.httpBaseUri()).build())
                .nativeBatch()
                .orElseThrow();
    }

    protected EmulatedBatch job(NativeJob job) {
        return batches().get(emulatorId(job)).orElseThrow();
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
        job(job).finish();
    }

    @Override
    protected void expireAfter(NativeJob job, int answered) {
        job(job).expireAfter(answered);
    }

    @Override
    protected int providerJobCount() {
        return batches().count();
    }
}
