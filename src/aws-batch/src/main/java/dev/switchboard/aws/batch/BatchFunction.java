package dev.switchboard.aws.batch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.switchboard.aws.batch.BatchMessages.Continue;
import dev.switchboard.aws.batch.BatchMessages.Poll;
import dev.switchboard.aws.batch.BatchMessages.ProviderEvent;
import dev.switchboard.aws.batch.BatchMessages.Start;
import dev.switchboard.aws.batch.BatchMessages.Work;
import dev.switchboard.aws.batch.SqsEvents.ItemFailure;
import dev.switchboard.aws.batch.SqsEvents.SqsBatchResponse;
import dev.switchboard.aws.batch.SqsEvents.SqsEvent;
import dev.switchboard.aws.batch.SqsEvents.SqsMessage;
import dev.switchboard.aws.batch.store.S3BlobStore;
import dev.switchboard.batch.BatchEngine;
import dev.switchboard.batch.BatchSettings;
import dev.switchboard.batch.Budget;
import dev.switchboard.batch.InputSource;
import dev.switchboard.batch.JobIds;
import dev.switchboard.batch.JobRequest;
import dev.switchboard.batch.RunResult;
import dev.switchboard.batch.WaitingJobs;
import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.core.gateway.Gateway;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The batch Lambda: SQS messages carrying S3 {@code ObjectCreated} notifications for {@code in/*.jsonl} (or
 * continuations) in, jobs run by the batch engine with their state and results under {@code out/<job id>/} of the
 * same bucket. The job id is derived from bucket, key and version, so a re-delivered notification finds its job and
 * no line with a stored result is called again. When the invocation's time runs low the job is handed on through
 * the queue. A job that waits on a provider's batch job (native mode) is run again by a delayed continuation, by the
 * schedule's poll message and by the provider's job-state event (Bedrock's, through an EventBridge rule), all on the
 * same queue; the engine's leases make concurrent runs of one job safe. A message whose work failed (storage, queue) is returned in {@code batchItemFailures} for SQS to retry;
 * the others are done.
 */
public class BatchFunction implements RequestHandler<SqsEvent, SqsBatchResponse> {
    private static final Logger LOG = Logger.getLogger(BatchFunction.class);

    private final Gateway gateway;
    private final S3Client s3;
    private final Continuations continuations;
    private final InvocationBudget budgets;
    private final AwsBatchConfig config;
    private final BatchSettings settings;

    @Inject
    public BatchFunction(
            Gateway gateway,
            S3Client s3,
            Continuations continuations,
            InvocationBudget budgets,
            AwsBatchConfig config) {
        this.gateway = gateway;
        this.s3 = s3;
        this.continuations = continuations;
        this.budgets = budgets;
        this.config = config;
        this.settings = BatchSettings.DEFAULT
                .withJobsPrefix(config.outputPrefix())
                .withConcurrency(config.concurrency())
                .withDeadlines(config.lineAllowance(), config.checkpointReserve());
    }

    @Override
    public SqsBatchResponse handleRequest(SqsEvent event, Context context) {
        Budget budget = budgets.of(context);
        List<ItemFailure> failures = new ArrayList<>();
        for (SqsMessage message : event.records()) {
            if (!handle(message, budget)) failures.add(new ItemFailure(message.messageId()));
        }
        return new SqsBatchResponse(failures);
    }

    /** False when the message should be delivered again. */
    private boolean handle(SqsMessage message, Budget budget) {
        List<Work> work;
        try {
            work = BatchMessages.parse(message.body(), config.inputPrefix());
        } catch (IllegalArgumentException e) {
            // a retry cannot make it valid: acknowledge, say why
            LOG.warnf("batch: message %s ignored: %s", message.messageId(), e.getMessage());
            return true;
        }
        try {
            for (Work w : work) {
                switch (w) {
                    case Start s -> start(s, budget);
                    case Continue c -> resume(c.jobId(), c.bucket(), c.key(), budget, true);
                    case Poll p -> poll(budget);
                    case ProviderEvent e -> providerEvent(e, budget);
                }
            }
            return true;
        } catch (RuntimeException e) {
            LOG.errorf("batch: message %s failed, to be retried: %s", message.messageId(), e.toString());
            return false;
        }
    }

    private void start(Start s, Budget budget) {
        String jobId = JobIds.fromInput(s.bucket(), s.key(), s.version());
        BatchEngine engine = engine(s.bucket());
        if (engine.get(jobId).isEmpty()) {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("input", "s3://" + s.bucket() + "/" + s.key());
            inputMode(s.bucket(), s.key()).ifPresent(mode -> metadata.put(InputMetadata.MODE, mode));
            engine.submit(new JobRequest(jobId, s.key(), null, "24h", metadata));
        }
        resume(jobId, s.bucket(), s.key(), budget, true);
    }

    /** The object's {@code x-amz-meta-switchboard-mode}; S3 notifications carry no user metadata, hence the HEAD. */
    private Optional<String> inputMode(String bucket, String key) {
        try {
            return InputMetadata.mode(
                    s3.headObject(b -> b.bucket(bucket).key(key)).metadata());
        } catch (NoSuchKeyException e) {
            return Optional.empty(); // gone since the notification: the job fails validation with file_not_found
        }
    }

    /**
     * Runs the job and hands it on: at once when time ran out ({@code CONTINUE}); after the engine's {@code pollAfter}
     * (SQS delay, at most 15 min) when it waits on a provider job, but only from the message chain that started it
     * ({@code chain}), so that polls and provider events do not each start another chain of delayed messages.
     */
    private void resume(String jobId, String bucket, String key, Budget budget, boolean chain) {
        BatchEngine engine = engine(bucket);
        RunResult r = engine.run(jobId, InputSource.blob(engine.store(), key), budget);
        LOG.infof(
                "batch: job %s (s3://%s/%s) %s, status %s, %s",
                jobId, bucket, key, r.outcome(), r.batch().status(), r.batch().counts());
        switch (r.outcome()) {
            case CONTINUE -> continuations.send(jobId, bucket, key);
            case WAITING -> {
                if (chain) continuations.sendAfter(jobId, bucket, key, r.pollAfter());
            }
            case FINISHED, ALREADY_RUNNING, SUPERSEDED -> {}
        }
    }

    /** The schedule's backstop: every job of the batch bucket that waits on a provider, while time is left. */
    private void poll(Budget budget) {
        Optional<String> bucket = batchBucket("poll");
        if (bucket.isEmpty()) return;
        BatchEngine engine = engine(bucket.get());
        WaitingJobs.Summary summary = new WaitingJobs(engine)
                .run(budget, (job, b) -> resume(job.id(), bucket.get(), job.inputFileId(), b, false));
        LOG.infof("batch: poll of s3://%s: %s", bucket.get(), summary);
    }

    private void providerEvent(ProviderEvent e, Budget budget) {
        Optional<String> bucket = batchBucket("a " + e.provider() + " job event");
        if (bucket.isEmpty()) return;
        Optional<BatchObject> job = engine(bucket.get()).get(e.jobId());
        // only a job waiting on a provider: a sync job in progress belongs to its continuation chain
        if (job.isEmpty() || !job.get().waitingOnProvider()) {
            LOG.infof("batch: %s job event (%s) for %s: nothing to do here", e.provider(), e.state(), e.jobId());
            return;
        }
        resume(e.jobId(), bucket.get(), job.get().inputFileId(), budget, false);
    }

    private Optional<String> batchBucket(String what) {
        if (config.bucket().isEmpty()) {
            LOG.warnf("batch: %s ignored: switchboard.aws-batch.bucket (SWITCHBOARD_BATCH_BUCKET) is not set", what);
        }
        return config.bucket();
    }

    private BatchEngine engine(String bucket) {
        return new BatchEngine(gateway, new S3BlobStore(s3, bucket), settings);
    }
}
