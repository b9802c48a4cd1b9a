package dev.switchboard.aws.batch;

import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.batch.job.BatchStatus;

/** Which jobs the scheduled poll runs. */
final class NativeJobs {
    private NativeJobs() {}

    /**
     * A job whose lines run in a provider's batch job: running it polls the provider (or collects the results), and
     * never takes a sync job over from the worker running its lines.
     */
    static boolean waitingOnProvider(BatchObject job) {
        // provisional until the engine marks native jobs in the batch object: the job asked for native mode
        return job.status() == BatchStatus.IN_PROGRESS
                && "native".equals(job.metadata().get(InputMetadata.MODE));
    }
}
