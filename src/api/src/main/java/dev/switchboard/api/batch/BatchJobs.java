package dev.switchboard.api.batch;

import dev.switchboard.batch.BatchEngine;
import dev.switchboard.batch.BatchSettings;
import dev.switchboard.batch.Budget;
import dev.switchboard.batch.InputSource;
import dev.switchboard.batch.JobIds;
import dev.switchboard.batch.JobRequest;
import dev.switchboard.batch.RunResult;
import dev.switchboard.batch.format.BatchEndpoint;
import dev.switchboard.batch.format.BatchLimits;
import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.core.gateway.Gateway;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The local server's batch jobs: created by {@code POST /v1/batches}, run in the background by at most
 * {@code switchboard.batch.max-running-jobs} workers, resumed at startup when a previous process left them
 * unfinished (their checkpoints make that safe).
 */
@Singleton
@IfBuildProperty(name = "switchboard.batch.api.enabled", stringValue = "true")
public class BatchJobs {
    private static final Logger LOG = Logger.getLogger(BatchJobs.class);

    private final BatchEngine engine;
    private final BatchFiles files;
    private final ExecutorService workers;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** Native jobs whose provider job runs: the poller runs them again every native-poll-interval. */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService poller;

    public BatchJobs(Gateway gateway, BatchFiles files, BatchConfig config) {
        this.files = files;
        this.engine = new BatchEngine(gateway, files.store(), settings(config));
        this.workers = Executors.newFixedThreadPool(
                Math.max(1, config.maxRunningJobs()),
                Thread.ofPlatform().name("batch-job-", 0).daemon(true).factory());
        this.poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("batch-poller").daemon(true).factory());
        long every = Math.max(1, config.nativePollInterval().toMillis());
        poller.scheduleWithFixedDelay(this::pollWaiting, every, every, TimeUnit.MILLISECONDS);
    }

    /** Runs every waiting native job once more: it polls its provider job, and collects it once ended. */
    private void pollWaiting() {
        for (String id : waiting) {
            engine.get(id).ifPresentOrElse(this::schedule, () -> waiting.remove(id));
        }
    }

    static BatchSettings settings(BatchConfig config) {
        return BatchSettings.DEFAULT
                .withConcurrency(config.concurrency())
                .withLimits(new BatchLimits(
                        config.maxLines(),
                        config.maxFileSize().asLongValue(),
                        (int) Math.min(Integer.MAX_VALUE, config.maxLineSize().asLongValue()),
                        100))
                .withJobsPrefix(BatchFiles.JOBS_PREFIX);
    }

    void resume(@Observes StartupEvent event) {
        for (String id : engine.jobIds()) {
            engine.get(id).filter(b -> !b.status().terminal()).ifPresent(b -> {
                LOG.infof("resuming batch %s (%s)", id, b.status().wire());
                schedule(b);
            });
        }
    }

    void stop(@Observes ShutdownEvent event) {
        // running jobs stop where they are; their checkpoints let the next start resume them
        poller.shutdownNow();
        workers.shutdownNow();
    }

    public BatchObject create(String inputFileId, BatchEndpoint endpoint, String window, Map<String, String> metadata) {
        BatchObject batch = engine.submit(new JobRequest(JobIds.random(), inputFileId, endpoint, window, metadata));
        schedule(batch);
        return batch;
    }

    public Optional<BatchObject> get(String id) {
        return engine.get(id);
    }

    public Optional<BatchObject> cancel(String id) {
        Optional<BatchObject> b = engine.cancel(id);
        b.filter(x -> !x.status().terminal()).ifPresent(this::schedule);
        return b;
    }

    /** All jobs, newest first (OpenAI's order for GET /v1/batches). */
    public List<BatchObject> all() {
        return engine.jobIds().stream()
                .map(engine::get)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparingLong((BatchObject b) -> b.times().createdAt())
                        .reversed()
                        .thenComparing(BatchObject::id, Comparator.reverseOrder()))
                .toList();
    }

    private void schedule(BatchObject batch) {
        if (!queued.add(batch.id())) return; // already waiting or running: it will see the latest state
        workers.execute(() -> {
            try {
                InputSource input = InputSource.blob(files.store(), BatchFiles.contentKey(batch.inputFileId()));
                RunResult r;
                do {
                    r = engine.run(batch.id(), input, Budget.unlimited());
                } while (r.outcome() == RunResult.Outcome.CONTINUE
                        && !Thread.currentThread().isInterrupted());
                if (r.outcome() == RunResult.Outcome.WAITING) {
                    if (waiting.add(batch.id())) LOG.infof("batch %s: provider job running, polling it", batch.id());
                } else {
                    waiting.remove(batch.id());
                    LOG.infof(
                            "batch %s: %s (%s)", batch.id(), r.batch().status().wire(), r.outcome());
                }
            } catch (RuntimeException e) {
                if (engine.get(batch.id()).filter(BatchObject::isNative).isPresent()) {
                    // a provider call failed (network, 5xx): the poller tries again; find-before-create makes it safe
                    waiting.add(batch.id());
                    LOG.warnf(e, "batch %s: provider batch call failed; retrying at the next poll", batch.id());
                    return;
                }
                LOG.errorf(e, "batch %s stopped; it resumes at the next start", batch.id());
            } finally {
                queued.remove(batch.id());
            }
        });
    }
}
