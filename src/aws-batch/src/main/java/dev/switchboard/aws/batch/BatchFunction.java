package dev.switchboard.aws.batch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.switchboard.aws.batch.BatchMessages.Continue;
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
import dev.switchboard.core.gateway.Gateway;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The batch Lambda: SQS messages carrying S3 {@code ObjectCreated} notifications for {@code in/*.jsonl} (or
 * continuations) in, jobs run by the batch engine with their state and results under {@code out/<job id>/} of the
 * same bucket. The job id is derived from bucket, key and version, so a re-delivered notification finds its job and
 * no line with a stored result is called again. When the invocation's time runs low the job is handed on through
 * the queue. A message whose work failed (storage, queue) is returned in {@code batchItemFailures} for SQS to retry;
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
                    case Continue c -> resume(c.jobId(), c.bucket(), c.key(), budget);
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
        engine(s.bucket())
                .submit(new JobRequest(
                        jobId, s.key(), null, "24h", Map.of("input", "s3://" + s.bucket() + "/" + s.key())));
        resume(jobId, s.bucket(), s.key(), budget);
    }

    private void resume(String jobId, String bucket, String key, Budget budget) {
        BatchEngine engine = engine(bucket);
        RunResult r = engine.run(jobId, InputSource.blob(engine.store(), key), budget);
        LOG.infof(
                "batch: job %s (s3://%s/%s) %s, status %s, %s",
                jobId, bucket, key, r.outcome(), r.batch().status(), r.batch().counts());
        if (r.outcome() == RunResult.Outcome.CONTINUE) continuations.send(jobId, bucket, key);
    }

    private BatchEngine engine(String bucket) {
        return new BatchEngine(gateway, new S3BlobStore(s3, bucket), settings);
    }
}
