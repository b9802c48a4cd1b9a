package dev.switchboard.core.nativebatch;

import dev.switchboard.core.model.ChatRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A provider's asynchronous batch API (OpenAI/Azure files + batches, Anthropic Message Batches, Gemini batch mode,
 * Bedrock model invocation jobs, Vertex batch prediction jobs): half-price jobs that finish within hours.
 *
 * <p>One provider job holds the lines of one Switchboard job for one model. Every method is safe to call again
 * after a crash, a timeout or a re-delivered event:
 *
 * <ul>
 *   <li>{@link #find} looks for the provider job created for a Switchboard job id (the provider's tags, labels,
 *       metadata, display name or client token carry the id), so a second {@link #create} is never needed;</li>
 *   <li>{@link #create} is itself idempotent where the provider allows (Bedrock's {@code clientRequestToken} = the
 *       job id) and otherwise creates at most one job per call; a failure after the provider accepted part of the
 *       work (an uploaded input file, a created job) cleans that part up or leaves it for {@link #find} to adopt,
 *       never a job that bills without Switchboard knowing;</li>
 *   <li>{@link #results} reads the provider's result files and matches every result to its line by {@link
 *       NativeRequest#lineId()}, never by position.</li>
 * </ul>
 *
 * <p>Implementations use the provider's official SDK or HTTP API through the provider's configured endpoint (so a
 * test points them at an emulator), block the calling thread, and fail with a {@link
 * dev.switchboard.core.error.SwitchboardException}.
 */
public interface NativeBatchApi {

    /** The configured provider id this API belongs to ("openai" in "openai/gpt-4o-mini"). */
    String provider();

    /**
     * Why {@code request} (its {@code model} is the provider's own model id) cannot run in this provider's batch
     * API, e.g. "model X has no batch support", "Bedrock batch jobs take no tool choice"; empty when it can. The
     * text is shown to users in the batch object, so it names the feature and never the prompt.
     */
    Optional<String> unsupported(ChatRequest request);

    /** The fewest requests one provider job accepts (Bedrock: 100); smaller jobs run through the gateway. */
    default int minRequests() {
        return 1;
    }

    /** The most requests one provider job accepts (OpenAI 50,000; Anthropic 100,000; Bedrock 50,000). */
    int maxRequests();

    /** The provider job created for {@code jobId}, if there is one (the newest, if several). */
    Optional<NativeJob> find(String jobId);

    /**
     * Running provider jobs that may be the one an earlier {@link #create} for {@code jobId} made although its
     * answer was lost (the process died, the call timed out), for providers whose jobs carry nothing that names the
     * Switchboard job while they run (Anthropic). Callers ask only when {@link #find} found nothing and a create was
     * attempted at {@code submittedAt} with {@code requests} requests: a candidate was created no earlier (less a
     * clock-skew allowance), holds exactly that many requests, and is not known to belong to another job. The caller
     * adopts a single candidate and, with several, creates nothing until they end and {@link #find} can tell them
     * apart. Providers whose {@link #find} sees running jobs (tags, labels, display name, client token) return none.
     */
    default List<NativeJob> unattributed(String jobId, int requests, Instant submittedAt) {
        return List.of();
    }

    /**
     * Submits {@code requests} (all for one model; the lines of job {@code jobId}) as one provider job. Callers
     * call {@link #find} first; implementations still make a repeated call harmless where the API allows.
     */
    NativeJob create(String jobId, List<NativeRequest> requests);

    /** The job as the provider reports it now. */
    NativeJob refresh(NativeJob job);

    /** Asks the provider to stop the job; results of finished lines stay readable. A terminal job is left as is. */
    void cancel(NativeJob job);

    /**
     * Every result the provider has for {@code job} (a terminal one: completed, partly completed, expired or
     * cancelled), each matched to its line. Lines the provider has no result for are not reported; the caller
     * records them as not run.
     */
    void results(NativeJob job, Consumer<NativeResult> sink);
}
