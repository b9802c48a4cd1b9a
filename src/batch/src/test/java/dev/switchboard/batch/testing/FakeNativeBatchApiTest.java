package dev.switchboard.batch.testing;

import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.core.nativebatch.NativeJob;

/** The engine tests' fake keeps the contract every provider's batch API keeps. */
class FakeNativeBatchApiTest extends NativeBatchApiContract {
    private final FakeNativeBatchApi api = new FakeNativeBatchApi("fake");

    @Override
    protected NativeBatchApi api() {
        return api;
    }

    @Override
    protected String model() {
        return "fake-model";
    }

    @Override
    protected void finish(NativeJob job) {
        api.finish(job);
    }

    @Override
    protected void expireAfter(NativeJob job, int answered) {
        api.expireAfter(job, answered);
    }

    @Override
    protected int providerJobCount() {
        return api.jobCount();
    }
}
