package dev.switchboard.batch;

import dev.switchboard.batch.job.BatchObject;
import java.time.Duration;
import java.util.Objects;

/**
 * How one {@link BatchEngine#run} ended, and the job as it stands.
 *
 * @param pollAfter for {@link Outcome#WAITING}: when running the job again is worth it (the provider job is
 *                  unlikely to have moved sooner); null for every other outcome
 */
public record RunResult(Outcome outcome, BatchObject batch, Duration pollAfter) {

    public RunResult {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.WAITING && pollAfter == null) {
            throw new IllegalArgumentException("a waiting job says when to poll again");
        }
        if (outcome != Outcome.WAITING) pollAfter = null;
    }

    public RunResult(Outcome outcome, BatchObject batch) {
        this(outcome, batch, null);
    }

    public static RunResult waiting(BatchObject batch, Duration pollAfter) {
        return new RunResult(Outcome.WAITING, batch, pollAfter);
    }

    public enum Outcome {
        /** The job is in a terminal state (completed, failed, expired, cancelled): nothing left to do. */
        FINISHED,
        /** Time ran out with lines left: hand the job on (a continuation message) and run it again. */
        CONTINUE,
        /**
         * A native job whose provider job is still running: nothing to do now; run the job again after {@link
         * RunResult#pollAfter()} (a schedule, a poller, or the provider's job-state event). Not a continuation.
         */
        WAITING,
        /** Another worker started this job at the same moment and runs it; drop this delivery. */
        ALREADY_RUNNING,
        /** A later worker took the job over while this one ran; this one stopped. */
        SUPERSEDED
    }
}
