package dev.switchboard.core.nativebatch;

import java.util.Map;
import java.util.Objects;

/**
 * A provider's batch job as Switchboard tracks it.
 *
 * @param provider      the configured provider id
 * @param providerJobId the provider's own id or resource name (Bedrock job ARN, Vertex resource name, "batch_abc",
 *                      "msgbatch_abc", "batches/abc")
 * @param jobId         the Switchboard job it belongs to
 * @param state         where the provider says it is
 * @param total         requests in it, null when the provider does not say
 * @param succeeded     requests that finished with an answer, null when the provider does not say
 * @param failed        requests that finished with an error, null when the provider does not say
 * @param message       the provider's reason for a failure (no prompt, no secret), null otherwise
 * @param handles       what {@link NativeBatchApi#results} and {@link NativeBatchApi#cancel} need beyond the id
 *                      (result file id, output URI, ...); persisted with the Switchboard job, so only short strings
 */
public record NativeJob(
        String provider,
        String providerJobId,
        String jobId,
        State state,
        Integer total,
        Integer succeeded,
        Integer failed,
        String message,
        Map<String, String> handles) {

    public NativeJob {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerJobId, "providerJobId");
        Objects.requireNonNull(state, "state");
        handles = handles == null ? Map.of() : Map.copyOf(handles);
    }

    public NativeJob withState(State s, String why) {
        return new NativeJob(provider, providerJobId, jobId, s, total, succeeded, failed, why, handles);
    }

    /** Provider states mapped to the few that matter to Switchboard. */
    public enum State {
        /** Accepted, not yet running (validating, queued, scheduled, submitted). */
        PENDING,
        /** Running (in progress, finalizing, stopping). */
        RUNNING,
        /** Every request has a result (some may be errors). */
        COMPLETED,
        /** Ended with results for only some requests (Bedrock {@code PartiallyCompleted}). */
        PARTIAL,
        /** The provider's time window passed; results of finished requests may exist. */
        EXPIRED,
        /** Stopped on request; results of finished requests may exist. */
        CANCELLED,
        /** The job as a whole failed (invalid input, permissions); results may be absent. */
        FAILED;

        public boolean terminal() {
            return this != PENDING && this != RUNNING;
        }
    }
}
