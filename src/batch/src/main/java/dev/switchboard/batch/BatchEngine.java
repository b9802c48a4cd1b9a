package dev.switchboard.batch;

import dev.switchboard.batch.format.BatchEndpoint;
import dev.switchboard.batch.format.InputValidator;
import dev.switchboard.batch.format.ValidationError;
import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.batch.job.BatchStatus;
import dev.switchboard.batch.job.JobLayout;
import dev.switchboard.batch.job.RequestCounts;
import dev.switchboard.batch.job.Timestamps;
import dev.switchboard.batch.store.BlobStore;
import dev.switchboard.batch.store.BlobStoreException;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.routing.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Runs OpenAI-format batch jobs through the gateway, keeping every bit of state in a {@link BlobStore} so that any
 * worker can pick a job up where another left it.
 *
 * <ul>
 *   <li>{@link #submit} creates the job ({@code validating}); creating an existing id returns the existing job.</li>
 *   <li>{@link #run} does as much as the budget allows: validates the whole input once, then runs lines (each
 *       line's result is checkpointed create-only before it counts), then assembles the output and error files. It
 *       returns {@link RunResult.Outcome#CONTINUE} when time ran out; run it again (anywhere) to go on.</li>
 *   <li>{@link #cancel} marks the job (a {@code cancel} blob); a running worker stops taking lines and ends it
 *       {@code cancelled}; the next run does if none is running.</li>
 *   <li>A job whose {@code metadata.mode} (sync | native | auto) makes it native at validation runs as one provider
 *       batch job instead ({@link NativeRun}): each run submits it, polls it ({@link RunResult.Outcome#WAITING}) or
 *       collects its results into the same checkpoints.</li>
 * </ul>
 *
 * <p>Guarantees: a line whose result is stored is never called again; of two workers writing one line's result
 * the first wins (create-only), so every line appears once in the output. Each run takes a lease ({@code runs/N},
 * create-only): a run started at the same moment as another exits, a later run takes the job over and the older one
 * stops before its next line. Lines in flight during such a take-over may be called twice (at-least-once); both
 * calls are recorded with the job id.
 */
public final class BatchEngine {
    private final BlobStore store;
    private final BatchSettings settings;
    private final Clock clock;
    private final LongSupplier ticker;
    private final Sleeper sleeper;
    private final LineRunner runner;
    private final Gateway gateway;

    public BatchEngine(
            Gateway gateway,
            BlobStore store,
            BatchSettings settings,
            Clock clock,
            LongSupplier ticker,
            Sleeper sleeper) {
        this.store = Objects.requireNonNull(store);
        this.settings = Objects.requireNonNull(settings);
        this.clock = clock;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.runner = new LineRunner(gateway, clock, ticker);
        this.gateway = gateway;
    }

    /** With the system clock and real sleeps. */
    public BatchEngine(Gateway gateway, BlobStore store, BatchSettings settings) {
        this(gateway, store, settings, Clock.systemUTC(), System::nanoTime, Sleeper.SYSTEM);
    }

    public BatchSettings settings() {
        return settings;
    }

    public BlobStore store() {
        return store;
    }

    public JobLayout layout(String jobId) {
        return new JobLayout(settings.jobsPrefix(), jobId);
    }

    /** Creates the job, or returns the job of that id when it exists (a re-delivered event). */
    public BatchObject submit(JobRequest request) {
        long now = clock.instant().getEpochSecond();
        BatchObject batch = new BatchObject(
                request.id(),
                request.endpoint() == null ? null : request.endpoint().url(),
                request.inputFileId(),
                request.completionWindow(),
                BatchStatus.VALIDATING,
                List.of(),
                null,
                null,
                Timestamps.created(now, now + windowSeconds(request.completionWindow())),
                RequestCounts.NONE,
                request.metadata(),
                null);
        JobLayout layout = layout(request.id());
        if (store.createIfAbsent(layout.batch(), batch.toBytes())) return batch;
        return get(request.id()).orElseThrow(() -> new BlobStoreException("job " + request.id() + " vanished"));
    }

    /** The job as it stands; a job asked to cancel and not yet ended reads {@code cancelling}. */
    public Optional<BatchObject> get(String jobId) {
        if (!JobIds.valid(jobId)) return Optional.empty();
        JobLayout layout = layout(jobId);
        return store.get(layout.batch()).map(BatchObject::fromBytes).map(b -> {
            if (b.status().terminal() || b.status() == BatchStatus.CANCELLING) return b;
            return store.get(layout.cancel())
                    .map(at -> b.withStatus(BatchStatus.CANCELLING, seconds(at)))
                    .orElse(b);
        });
    }

    private long seconds(byte[] marker) {
        try {
            return Long.parseLong(new String(marker, java.nio.charset.StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return clock.instant().getEpochSecond();
        }
    }

    /** Every job id under the jobs prefix, ascending. */
    public List<String> jobIds() {
        return store.list(settings.jobsPrefix()).stream()
                .filter(k -> k.endsWith("/batch.json"))
                .map(k -> k.substring(settings.jobsPrefix().length(), k.length() - "/batch.json".length()))
                .filter(id -> !id.contains("/"))
                .toList();
    }

    /**
     * Asks the job to stop: it ends {@code cancelled} with the lines that finished. A terminal job is returned as
     * it is. The job shows {@code cancelling} until a run (the current one, or the next) ends it.
     */
    public Optional<BatchObject> cancel(String jobId) {
        Optional<BatchObject> current = get(jobId);
        if (current.isEmpty() || current.get().status().terminal()) return current;
        // only a marker: the batch object has one writer at a time (the run), so a cancel racing the run's last
        // write cannot turn a completed job back into a cancelling one
        store.createIfAbsent(
                layout(jobId).cancel(),
                Long.toString(clock.instant().getEpochSecond()).getBytes());
        return get(jobId);
    }

    /**
     * Advances the job as far as {@code budget} allows. Storage failures are thrown (nothing is lost: run again);
     * the job's own failures (invalid input, every line failed) are states of the job, not exceptions.
     */
    public RunResult run(String jobId, InputSource input, Budget budget) {
        JobLayout layout = layout(jobId);
        BatchObject batch = get(jobId).orElseThrow(() -> new IllegalArgumentException("no batch job " + jobId));
        if (batch.status().terminal()) return new RunResult(RunResult.Outcome.FINISHED, batch);
        int seq = lastRun(layout) + 1;
        if (!store.createIfAbsent(layout.run(seq), Long.toString(clock.millis()).getBytes())) {
            return new RunResult(RunResult.Outcome.ALREADY_RUNNING, batch);
        }
        Finalizer finalizer = new Finalizer(store, layout, settings, clock);
        boolean cancelled = store.exists(layout.cancel());
        if (batch.isNative()) {
            return new NativeRun(store, layout, settings, gateway, clock, batch, input).run(cancelled);
        }
        if (cancelled) return finished(finalizer.finish(batch, BatchStatus.CANCELLED, input));
        if (batch.status() == BatchStatus.VALIDATING) {
            batch = validate(batch, layout, input);
            if (batch.status() == BatchStatus.FAILED) return finished(batch);
            if (batch.isNative()) {
                return new NativeRun(store, layout, settings, gateway, clock, batch, input).run(false);
            }
        }
        if (batch.status() == BatchStatus.FINALIZING)
            return finished(finalizer.finish(batch, BatchStatus.COMPLETED, input));
        JobRun.Stop stop =
                new JobRun(store, layout, settings, runner, clock, ticker, sleeper, seq, batch, input, budget).run();
        BatchObject now = get(jobId).orElse(batch);
        return switch (stop) {
            case DONE -> finished(finalizer.finish(now, BatchStatus.COMPLETED, input));
            case CANCELLED -> finished(finalizer.finish(now, BatchStatus.CANCELLED, input));
            case EXPIRED -> finished(finalizer.finish(now, BatchStatus.EXPIRED, input));
            case DEADLINE -> new RunResult(RunResult.Outcome.CONTINUE, now);
            case SUPERSEDED -> new RunResult(RunResult.Outcome.SUPERSEDED, now);
        };
    }

    private static RunResult finished(BatchObject b) {
        return new RunResult(RunResult.Outcome.FINISHED, b);
    }

    private BatchObject validate(BatchObject batch, JobLayout layout, InputSource input) {
        long now = clock.instant().getEpochSecond();
        InputValidator.Result result;
        try (InputStream in = input.open()) {
            BatchEndpoint required = batch.endpoint() == null
                    ? null
                    : BatchEndpoint.ofUrl(batch.endpoint()).orElse(null);
            result = InputValidator.validate(in, settings.limits(), required);
        } catch (NoSuchFileException e) {
            result = new InputValidator.Result(
                    0,
                    0,
                    List.of(new ValidationError(
                            "file_not_found", "The input file does not exist (any more).", "input_file_id", null)),
                    1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input of " + batch.id(), e);
        }
        BatchObject next;
        if (!result.valid()) {
            List<ValidationError> errors = result.errors();
            if (result.totalErrors() > errors.size()) {
                errors = new java.util.ArrayList<>(errors);
                errors.add(new ValidationError(
                        "too_many_errors",
                        (result.totalErrors() - result.errors().size()) + " more errors not listed.",
                        null,
                        null));
            }
            next = batch.withErrors(errors).withStatus(BatchStatus.FAILED, now);
        } else {
            next = decideMode(batch, layout, input)
                    .withCounts(new RequestCounts(result.requests(), 0, 0))
                    .withStatus(BatchStatus.IN_PROGRESS, now);
            if (!next.errors().isEmpty()) next = next.withStatus(BatchStatus.FAILED, now);
        }
        store.put(layout.batch(), next.toBytes());
        return next;
    }

    /**
     * Sync or native, from {@code metadata.mode} (sync | native | auto, default auto) and {@link NativePlanner}; a
     * native job's plan goes to {@code native.json} before the batch object says native. A job that asked for native
     * and cannot have it gets the reason as its validation error.
     */
    private BatchObject decideMode(BatchObject batch, JobLayout layout, InputSource input) {
        String asked = batch.metadata().get(NativePlanner.MODE_KEY);
        NativePlanner.Requested requested = NativePlanner.Requested.of(asked).orElse(null);
        if (requested == null) {
            return batch.withErrors(List.of(new ValidationError(
                    "invalid_mode",
                    "metadata.mode must be sync, native or auto, not '" + asked + "'.",
                    "metadata.mode",
                    null)));
        }
        if (requested == NativePlanner.Requested.SYNC) {
            return batch.withMode(new BatchObject.RunMode(BatchObject.RunMode.SYNC, "requested", null));
        }
        BatchEndpoint required = batch.endpoint() == null
                ? null
                : BatchEndpoint.ofUrl(batch.endpoint()).orElse(null);
        NativePlanner.Plan plan = NativePlanner.plan(gateway, input, settings, required, false);
        if (plan.runsNatively()) {
            store.put(layout.nativeJob(), new NativeState(plan.target(), null).toBytes());
            String why = requested == NativePlanner.Requested.AUTO
                    ? "auto: every line goes to " + plan.target().provider() + "/"
                            + plan.target().model() + ", whose batch API takes them"
                    : "requested";
            return batch.withMode(new BatchObject.RunMode(BatchObject.RunMode.NATIVE, why, null));
        }
        if (requested == NativePlanner.Requested.NATIVE) {
            return batch.withMode(new BatchObject.RunMode(BatchObject.RunMode.NATIVE, plan.reason(), null))
                    .withErrors(List.of(new ValidationError(
                            "native_unavailable",
                            "This batch cannot run as a provider batch job: " + plan.reason() + ".",
                            "metadata.mode",
                            null)));
        }
        return batch.withMode(new BatchObject.RunMode(BatchObject.RunMode.SYNC, "auto: " + plan.reason(), null));
    }

    private int lastRun(JobLayout layout) {
        List<String> runs = store.list(layout.runs());
        if (runs.isEmpty()) return 0;
        String last = runs.get(runs.size() - 1);
        return Integer.parseInt(last.substring(layout.runs().length()));
    }

    /** The {@code metadata} key choosing how a job runs: {@code sync}, {@code native} or {@code auto} (the default). */
    public static final String MODE_KEY = NativePlanner.MODE_KEY;

    /** True for a {@link #MODE_KEY} value the engine knows (unset counts as auto). */
    public static boolean validMode(String mode) {
        return NativePlanner.Requested.of(mode).isPresent();
    }

    /** "24h" → seconds; OpenAI accepts only 24h, Switchboard any whole number of hours. */
    static long windowSeconds(String window) {
        if (window != null && window.matches("[1-9][0-9]{0,3}h")) {
            return Long.parseLong(window.substring(0, window.length() - 1)) * 3600;
        }
        throw new IllegalArgumentException("completion_window must be a whole number of hours, like \"24h\"");
    }
}
