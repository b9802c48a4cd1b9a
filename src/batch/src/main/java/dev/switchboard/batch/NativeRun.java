package dev.switchboard.batch;

import dev.switchboard.batch.format.BatchEndpoint;
import dev.switchboard.batch.format.BatchLine;
import dev.switchboard.batch.format.LineReader;
import dev.switchboard.batch.format.ValidationError;
import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.batch.job.BatchStatus;
import dev.switchboard.batch.job.JobLayout;
import dev.switchboard.batch.job.LineResult;
import dev.switchboard.batch.job.RequestCounts;
import dev.switchboard.batch.store.BlobStore;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.gateway.CostRecorder;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.nativebatch.NativeResult;
import dev.switchboard.core.spi.ChatProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a native job: submits the provider job (find before create, so a re-delivered event or a crash after the
 * provider accepted the job adopts it instead of making a second), or polls it, or, once it is terminal, collects its
 * results into the job's checkpoints and finalizes the job like a sync one.
 *
 * <p>A line's cost record is written only by the run whose create-only checkpoint of that line succeeded: a second
 * poll, a re-delivered event or two collectors racing write none. A crash between the checkpoint and the record loses
 * that one record rather than risking a second.
 */
final class NativeRun {
    /** How long a running provider job is left alone: they take minutes to hours. */
    static final Duration POLL_AFTER = Duration.ofSeconds(30);

    private final BlobStore store;
    private final JobLayout layout;
    private final BatchSettings settings;
    private final Gateway gateway;
    private final Clock clock;
    private final InputSource input;
    private BatchObject batch;

    NativeRun(
            BlobStore store,
            JobLayout layout,
            BatchSettings settings,
            Gateway gateway,
            Clock clock,
            BatchObject batch,
            InputSource input) {
        this.store = store;
        this.layout = layout;
        this.settings = settings;
        this.gateway = gateway;
        this.clock = clock;
        this.batch = batch;
        this.input = input;
    }

    RunResult run(boolean cancelRequested) {
        NativeState state = store.get(layout.nativeJob())
                .map(NativeState::fromBytes)
                .orElseThrow(() -> new IllegalStateException("native job " + batch.id() + " has no native.json"));
        ChatProvider provider = gateway.providers().get(state.target().provider());
        NativeBatchApi api = provider == null ? null : provider.nativeBatch().orElse(null);
        if (api == null) {
            throw new IllegalStateException("provider '" + state.target().provider() + "' of native job " + batch.id()
                    + " no longer has a batch API: configure it again to finish the job");
        }
        NativeJob job = state.job();
        if (job == null) {
            job = api.find(batch.id()).orElse(null);
            if (job == null) {
                Optional<CreateIntent> intent = store.get(layout.nativeIntent()).map(CreateIntent::fromBytes);
                List<NativeJob> lost = intent.map(i -> api.unattributed(batch.id(), i.requests(), i.submittedAt()))
                        .orElse(List.of());
                // several running jobs could be the lost create's: a second create might bill twice, so wait
                // until they end and find() tells them apart
                if (lost.size() > 1) return RunResult.waiting(batch, POLL_AFTER);
                if (lost.size() == 1) job = lost.get(0);
            }
            if (job == null && cancelRequested) return finish(state, null, BatchStatus.CANCELLED, provider.type());
            if (job == null) {
                List<NativeRequest> requests = requests();
                // every line already has a result (a job resumed after a sync start): nothing to submit
                if (requests.isEmpty()) return finish(state, null, BatchStatus.COMPLETED, provider.type());
                job = create(api, requests, state.target().model());
            }
            state = save(state, job);
            BatchObject.RunMode m = batch.mode();
            batch = batch.withMode(new BatchObject.RunMode(m.mode(), m.reason(), job.providerJobId()));
            store.put(layout.batch(), batch.toBytes());
        } else if (!job.state().terminal()) {
            state = save(state, api.refresh(job));
            job = state.job();
        }
        if (cancelRequested && !job.state().terminal()) {
            api.cancel(job);
            state = save(state, api.refresh(job));
            job = state.job();
        }
        if (!job.state().terminal()) {
            progress(job);
            return RunResult.waiting(batch, POLL_AFTER);
        }
        collect(api, state, provider.type());
        return finish(state, job, endStatus(job.state()), provider.type());
    }

    /**
     * Records the intent (create-only: the first attempt's time covers every later one), then creates. A refusal
     * means the provider accepted nothing, so the intent goes: a later run must not adopt a look-alike.
     */
    private NativeJob create(NativeBatchApi api, List<NativeRequest> requests, String model) {
        store.createIfAbsent(
                layout.nativeIntent(), new CreateIntent(clock.instant(), requests.size(), model).toBytes());
        try {
            return api.create(batch.id(), requests);
        } catch (SwitchboardException e) {
            if (e.callerFault()) store.delete(layout.nativeIntent());
            throw e;
        }
    }

    private static BatchStatus endStatus(NativeJob.State s) {
        return switch (s) {
            case COMPLETED, PARTIAL -> BatchStatus.COMPLETED;
            case EXPIRED -> BatchStatus.EXPIRED;
            case CANCELLED -> BatchStatus.CANCELLED;
            case FAILED -> BatchStatus.FAILED;
            case PENDING, RUNNING -> throw new IllegalArgumentException("not terminal: " + s);
        };
    }

    private NativeState save(NativeState state, NativeJob job) {
        NativeState next = state.withJob(job);
        store.put(layout.nativeJob(), next.toBytes());
        return next;
    }

    /** The lines to submit: planned again from the input (decided at validation), less those with a result. */
    private List<NativeRequest> requests() {
        BatchEndpoint required = batch.endpoint() == null
                ? null
                : BatchEndpoint.ofUrl(batch.endpoint()).orElse(null);
        NativePlanner.Plan plan = NativePlanner.plan(gateway, input, settings, required, true);
        if (!plan.runsNatively()) {
            throw new IllegalStateException("native job " + batch.id() + " cannot be submitted any more: "
                    + plan.reason() + " (the configuration changed since validation?)");
        }
        BitSet done = done();
        return plan.requests().stream()
                .filter(r -> !done.get(NativeRequest.lineOf(r.lineId())))
                .toList();
    }

    private BitSet done() {
        BitSet done = new BitSet();
        for (String key : store.list(layout.results())) {
            int line = layout.lineOf(key);
            if (line > 0) done.set(line);
        }
        return done;
    }

    /** The provider's counts, while its job runs. */
    private void progress(NativeJob job) {
        RequestCounts c = new RequestCounts(
                batch.counts().total(),
                job.succeeded() == null ? batch.counts().completed() : job.succeeded(),
                job.failed() == null ? batch.counts().failed() : job.failed());
        if (c.equals(batch.counts()) && batch.status() == BatchStatus.IN_PROGRESS) return;
        BatchObject current =
                store.get(layout.batch()).map(BatchObject::fromBytes).orElse(batch);
        if (current.status().terminal()) return;
        batch = current.withCounts(c)
                .withStatus(BatchStatus.IN_PROGRESS, clock.instant().getEpochSecond());
        store.put(layout.batch(), batch.toBytes());
    }

    /** A line still without a checkpoint: its envelope (body dropped) and its cost tags. */
    private record Pending(BatchLine line, List<String> tags) {}

    /** Each result becomes its line's checkpoint (create-only) and, for the run that created it, one cost record. */
    private void collect(NativeBatchApi api, NativeState state, String providerType) {
        Map<Integer, Pending> pending = pending();
        NativeJob job = state.job();
        ModelRef target = new ModelRef(state.target().provider(), state.target().model());
        CostRecorder costs = gateway.costs();
        long now = clock.instant().getEpochSecond();
        api.results(job, r -> {
            int n = NativeRequest.lineOf(r.lineId());
            Pending p = pending.remove(n);
            if (p == null) return; // already collected, or not a line of this job
            String requestId = JobIds.lineId(batch.id(), n);
            CostRecorder.BatchLine cost = costLine(requestId, state, target, providerType, r, p.tags(), job);
            PriceQuote quote = costs.priceBatchLine(cost);
            LineResult checkpoint = r.response() != null
                    ? LineRunner.answered(batch.id(), p.line(), requestId, r.response(), target, quote, now)
                    : LineRunner.failed(batch.id(), p.line(), requestId, r.error());
            if (store.createIfAbsent(layout.result(n), checkpoint.toBytes())) costs.recordBatchLine(cost, quote);
        });
        markNotRun(pending.values(), job.state());
    }

    private CostRecorder.BatchLine costLine(
            String requestId,
            NativeState state,
            ModelRef target,
            String providerType,
            NativeResult r,
            List<String> tags,
            NativeJob job) {
        SwitchboardException error = r.error();
        return new CostRecorder.BatchLine(
                requestId,
                state.target().route(),
                target,
                providerType,
                r.response() == null ? null : r.response().model(),
                error == null ? CostRecord.OK : error.kind(),
                r.response() == null ? Usage.NOT_REPORTED : r.response().usage(),
                tags,
                batch.id(),
                job.providerJobId());
    }

    /** Lines the provider job has no result for: an error line saying why (as a sync job writes for expiry). */
    private void markNotRun(Iterable<Pending> lines, NativeJob.State s) {
        String code;
        String message;
        switch (s) {
            case EXPIRED -> {
                code = "batch_expired";
                message = "This request could not be executed before the completion window expired.";
            }
            case CANCELLED -> {
                code = "batch_cancelled";
                message = "This request was not executed: the batch was cancelled.";
            }
            default -> {
                code = "batch_failed";
                message = "The provider's batch job ended without a result for this request.";
            }
        }
        for (Pending p : lines) {
            store.createIfAbsent(
                    layout.result(p.line().line()),
                    LineRunner.notRunResult(batch.id(), p.line(), code, message).toBytes());
        }
    }

    /** Every line of the input without a checkpoint yet. */
    private Map<Integer, Pending> pending() {
        BitSet done = done();
        Map<Integer, Pending> out = new HashMap<>();
        try (LineReader reader = new LineReader(input.open(), settings.limits().maxLineBytes())) {
            LineReader.Line l;
            while ((l = reader.next()) != null) {
                if (l.oversized() || l.blank() || done.get(l.number())) continue;
                BatchLine line;
                try {
                    line = BatchLine.parse(l.number(), l.bytes(), null);
                } catch (BatchLine.Malformed m) {
                    throw new IllegalStateException(
                            "input of " + batch.id() + " changed after validation (line " + l.number() + ")");
                }
                out.put(
                        l.number(),
                        new Pending(new BatchLine(line.line(), line.customId(), line.endpoint(), null), tags(line)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input of " + batch.id(), e);
        }
        return out;
    }

    /** The tags a sync line's cost record carries: the request's user. */
    private static List<String> tags(BatchLine line) {
        try {
            ChatRequest r = line.endpoint().parse(line.body()).request();
            return r.user() == null || r.user().isBlank() ? List.of() : List.of("user:" + r.user());
        } catch (SwitchboardException e) {
            return List.of();
        }
    }

    private RunResult finish(NativeState state, NativeJob job, BatchStatus end, String providerType) {
        if (job == null && end == BatchStatus.CANCELLED) markNotRun(pending().values(), NativeJob.State.CANCELLED);
        BatchObject current =
                store.get(layout.batch()).map(BatchObject::fromBytes).orElse(batch);
        if (end == BatchStatus.FAILED) {
            String why =
                    Optional.ofNullable(job == null ? null : job.message()).orElse("the provider's batch job failed");
            current = current.withErrors(List.of(new ValidationError(
                    "provider_batch_failed",
                    "The " + state.target().provider() + " batch job failed: " + why,
                    null,
                    null)));
        }
        BatchObject last = new Finalizer(store, layout, settings, clock).finish(current, end, input);
        return new RunResult(RunResult.Outcome.FINISHED, last);
    }
}
