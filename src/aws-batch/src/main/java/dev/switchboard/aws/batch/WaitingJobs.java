package dev.switchboard.aws.batch;

import dev.switchboard.batch.BatchEngine;
import dev.switchboard.batch.Budget;
import dev.switchboard.batch.job.BatchObject;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The scheduled poll's walk over one bucket's jobs: each job that waits on a provider job is run once, while at least
 * {@code minimum} of the invocation is left (the rest waits for the next poll). One job's failure is logged and the
 * walk goes on; the next poll tries it again.
 */
final class WaitingJobs {
    private static final Logger LOG = Logger.getLogger(WaitingJobs.class);

    /** Runs one job with what is left of the budget. */
    @FunctionalInterface
    interface Runner {
        void run(BatchObject job, Budget budget);
    }

    /** What one poll did: jobs found waiting, run, failed, and whether time ran out before the walk ended. */
    record Summary(int waiting, int run, int failed, boolean outOfTime) {}

    private final BatchEngine engine;
    private final Duration minimum;

    WaitingJobs(BatchEngine engine, Duration minimum) {
        this.engine = engine;
        this.minimum = minimum;
    }

    Summary run(Budget budget, Runner runner) {
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
                LOG.errorf("batch: poll of job %s failed, the next poll tries again: %s", id, e.toString());
            }
        }
        return new Summary(waiting, run, failed, false);
    }
}
