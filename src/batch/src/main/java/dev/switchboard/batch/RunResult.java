package dev.switchboard.batch;

import dev.switchboard.batch.job.BatchObject;

/**
 * How one {@link BatchEngine#run} ended, and the job as it stands.
 */
public record RunResult(Outcome outcome, BatchObject batch) {

    public enum Outcome {
        /** The job is in a terminal state (completed, failed, expired, cancelled): nothing left to do. */
        FINISHED,
        /** Time ran out with lines left: hand the job on (a continuation message) and run it again. */
        CONTINUE,
        /** Another worker started this job at the same moment and runs it; drop this delivery. */
        ALREADY_RUNNING,
        /** A later worker took the job over while this one ran; this one stopped. */
        SUPERSEDED
    }
}
