package dev.switchboard.aws.batch;

import dev.switchboard.batch.job.BatchObject;

/** Which jobs the scheduled poll and provider events run. */
final class NativeJobs {
    private NativeJobs() {}

    /**
     * A job whose lines run in a provider's batch job (the engine decided native at validation) and that has not ended:
     * running it submits, polls the provider or collects the results. A sync job in progress is never taken over
     * from the worker running its lines.
     */
    static boolean waitingOnProvider(BatchObject job) {
        return job.isNative() && !job.status().terminal();
    }
}
