package dev.switchboard.batch;

import dev.switchboard.batch.job.BatchObject;
import java.time.Duration;
import java.util.Optional;

/**
 * A scheduled poll's walk over one store's jobs (the AWS and GCP batch functions): each job that waits on a provider
 * job is run once, while at least a line allowance plus the checkpoint reserve of the invocation is left (the rest
 * waits for the next poll). One job's failure is logged and the walk goes on; the next poll tries it again.
 */
public final class WaitingJobs {
    private static final System.Logger LOG = System.getLogger(WaitingJobs.class.getName());

    /** Runs one job with what is left of the budget. */
    @FunctionalInterface
    public interface Runner {
        void run(BatchObject job, Budget budget);
    }

    /** What one poll did: jobs found waiting, run, failed, and whether time ran out before the walk ended. */
    public record Summary(int waiting, int run, int failed, boolean outOfTime) {}

    private final BatchEngine engine;
    private final Duration minimum;

    public WaitingJobs(BatchEngine engine) {
        this.engine = engine;
        this.minimum = engine.settings().lineAllowance().plus(engine.settings().checkpointReserve());
    }

    public Summary run(Budget budget, Runner runner) {
        int waiting = 0, run = 0, failed = 0;
        for (String id : engine.jobIds()) {
            if (budget.remaining().compareTo(minimum) < 0) return new Summary(waiting, run, failed, true);
            Optional<BatchObject> job = engine.get(id);
            if (job.isEmpty() || !job.get().waitingOnProvider()) continue;
            waiting++;
            try {
                runner.run(job.get(), budget);
                run++;
            } catch (RuntimeException e) {
                failed++;
                LOG.log(
                        System.Logger.Level.ERROR,
                        "batch: poll of job " + id + " failed, the next poll tries again: " + e);
            }
        }
        return new Summary(waiting, run, failed, false);
    }
}
