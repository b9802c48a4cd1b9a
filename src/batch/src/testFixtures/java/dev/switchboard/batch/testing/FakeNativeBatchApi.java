package dev.switchboard.batch.testing;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.nativebatch.NativeResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An in-memory provider batch API for engine and server tests, following the batch emulators' conventions: a line whose
 * last user message is {@link NativeBatchApiContract#FAIL_TEXT} gets an error result, every other line the answer
 * {@code "Hello from the fake batch API. You said: <text>"} with 10 input and 2 output tokens. Jobs stay PENDING, then
 * RUNNING, until a test {@link #finish}es or {@link #expireAfter expires} them; faults are armed one at a time.
 */
public final class FakeNativeBatchApi implements NativeBatchApi {
    public static final String GREETING = "Hello from the fake batch API. You said: ";

    private final String provider;
    private final int minRequests;
    private final int maxRequests;
    private volatile Function<ChatRequest, Optional<String>> unsupported = r -> Optional.empty();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger resultReads = new AtomicInteger();
    private volatile boolean failNextCreateAfterAccepting;
    private volatile boolean findSeesOnlyEnded;
    private volatile boolean refuseNextCreate;
    private volatile int failResultsAfter = -1;

    private static final class Job {
        final String id;
        final String jobId;
        final List<NativeRequest> requests;
        NativeJob.State state = NativeJob.State.PENDING;
        int answered;

        Job(String id, String jobId, List<NativeRequest> requests) {
            this.id = id;
            this.jobId = jobId;
            this.requests = List.copyOf(requests);
        }
    }

    public FakeNativeBatchApi(String provider) {
        this(provider, 1, 50_000);
    }

    public FakeNativeBatchApi(String provider, int minRequests, int maxRequests) {
        this.provider = provider;
        this.minRequests = minRequests;
        this.maxRequests = maxRequests;
    }

    /** What this fake's "provider" refuses in batch jobs. */
    public FakeNativeBatchApi unsupported(Function<ChatRequest, Optional<String>> rule) {
        this.unsupported = rule;
        return this;
    }

    /** The next create registers the job at the "provider", then fails as if the connection dropped. */
    public void failNextCreateAfterAccepting() {
        failNextCreateAfterAccepting = true;
    }

    /**
     * Like Anthropic's message batches: {@link #find} attributes only ended jobs, and running ones are offered by
     * {@link #unattributed} by their size alone (this fake keeps no creation times, so any running job qualifies).
     */
    public FakeNativeBatchApi findSeesOnlyEnded() {
        findSeesOnlyEnded = true;
        return this;
    }

    /** The next create is refused (a 400): the provider accepts nothing. */
    public void refuseNextCreate() {
        refuseNextCreate = true;
    }

    /** The next results read delivers {@code n} results, then fails (a crash mid-collect). */
    public void failNextResultsAfter(int n) {
        failResultsAfter = n;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public Optional<String> unsupported(ChatRequest request) {
        return unsupported.apply(request);
    }

    @Override
    public int minRequests() {
        return minRequests;
    }

    @Override
    public int maxRequests() {
        return maxRequests;
    }

    @Override
    public synchronized Optional<NativeJob> find(String jobId) {
        Job newest = null;
        for (Job j : jobs.values()) {
            if (j.jobId.equals(jobId) && (!findSeesOnlyEnded || j.state.terminal())) newest = j;
        }
        return Optional.ofNullable(newest).map(this::view);
    }

    @Override
    public synchronized List<NativeJob> unattributed(String jobId, int requests, Instant submittedAt) {
        if (!findSeesOnlyEnded) return List.of();
        return jobs.values().stream()
                .filter(j -> !j.state.terminal() && j.requests.size() == requests)
                .map(j -> new NativeJob(provider, j.id, jobId, j.state, requests, 0, 0, null, Map.of()))
                .toList();
    }

    @Override
    public synchronized NativeJob create(String jobId, List<NativeRequest> requests) {
        creates.incrementAndGet();
        if (refuseNextCreate) {
            refuseNextCreate = false;
            throw new InvalidRequest("the fake batch API refuses this job");
        }
        Job job = new Job("fakebatch_" + (jobs.size() + 1), jobId, requests);
        jobs.put(job.id, job);
        if (failNextCreateAfterAccepting) {
            failNextCreateAfterAccepting = false;
            throw new UpstreamError(
                    ErrorInfo.upstream(provider, 502, "connection reset after the job was accepted"), true);
        }
        return view(job);
    }

    @Override
    public synchronized NativeJob refresh(NativeJob job) {
        Job j = job(job);
        if (j.state == NativeJob.State.PENDING) j.state = NativeJob.State.RUNNING;
        return view(j);
    }

    @Override
    public synchronized void cancel(NativeJob job) {
        Job j = job(job);
        if (!j.state.terminal()) j.state = NativeJob.State.CANCELLED;
    }

    @Override
    public void results(NativeJob job, Consumer<NativeResult> sink) {
        List<NativeResult> out = new ArrayList<>();
        synchronized (this) {
            resultReads.incrementAndGet();
            Job j = job(job);
            if (!j.state.terminal()) throw new IllegalStateException("job " + j.id + " is not terminal");
            for (int i = 0; i < j.answered; i++) out.add(result(j.requests.get(i)));
        }
        int failAfter = failResultsAfter;
        failResultsAfter = -1;
        for (int i = 0; i < out.size(); i++) {
            if (i == failAfter)
                throw new UpstreamError(ErrorInfo.upstream(provider, 500, "results file cut off"), true);
            sink.accept(out.get(i));
        }
    }

    private NativeResult result(NativeRequest r) {
        List<Message> messages = r.request().messages();
        String text = messages.get(messages.size() - 1).text();
        if (NativeBatchApiContract.FAIL_TEXT.equals(text)) {
            return NativeResult.error(r.lineId(), new InvalidRequest("the fake batch API fails this line"));
        }
        return NativeResult.answer(
                r.lineId(),
                new ChatResponse(
                        "msg_" + r.lineId(),
                        r.request().model(),
                        Message.assistant(GREETING + text),
                        FinishReason.STOP,
                        "stop",
                        Usage.of(10, 2)));
    }

    /** Every line gets its result. */
    public synchronized void finish(NativeJob job) {
        Job j = job(job);
        j.state = NativeJob.State.COMPLETED;
        j.answered = j.requests.size();
    }

    /** Expires the job with only its first {@code answered} lines (submission order) answered. */
    public synchronized void expireAfter(NativeJob job, int answered) {
        Job j = job(job);
        j.state = NativeJob.State.EXPIRED;
        j.answered = Math.min(answered, j.requests.size());
    }

    /** Ends the job FAILED with no results. */
    public synchronized void fail(NativeJob job) {
        Job j = job(job);
        j.state = NativeJob.State.FAILED;
        j.answered = 0;
    }

    /** The provider jobs created for {@code jobId}, oldest first. */
    public synchronized List<NativeJob> jobsOf(String jobId) {
        return jobs.values().stream()
                .filter(j -> j.jobId.equals(jobId))
                .map(this::view)
                .toList();
    }

    /** The requests submitted in a provider job. */
    public synchronized List<NativeRequest> requests(NativeJob job) {
        return job(job).requests;
    }

    public synchronized int jobCount() {
        return jobs.size();
    }

    public int creates() {
        return creates.get();
    }

    private Job job(NativeJob job) {
        Job j = jobs.get(job.providerJobId());
        if (j == null) throw new InvalidRequest("no batch " + job.providerJobId());
        return j;
    }

    private NativeJob view(Job j) {
        int failed = 0;
        if (j.state.terminal()) {
            for (int i = 0; i < j.answered; i++) {
                if (result(j.requests.get(i)).error() != null) failed++;
            }
        }
        return new NativeJob(
                provider,
                j.id,
                j.jobId,
                j.state,
                j.requests.size(),
                j.state.terminal() ? j.answered - failed : 0,
                j.state.terminal() ? failed : 0,
                j.state == NativeJob.State.FAILED ? "the fake batch job failed" : null,
                Map.of("input_file_id", "file_" + j.id));
    }
}
