package dev.switchboard.aws.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Hands an unfinished job on: a continuation message on the job queue, which invokes the function again, at once or
 * (a job waiting on a provider) after a delay SQS holds the message for.
 */
@ApplicationScoped
public class Continuations {
    private final SqsClient sqs;
    private final String queueUrl;
    private final Duration maxDelay;

    @Inject
    public Continuations(SqsClient sqs, AwsBatchConfig config) {
        this.sqs = sqs;
        this.queueUrl = config.queueUrl();
        this.maxDelay = config.maxPollDelay();
    }

    /** SQS holds a message back for at most 15 minutes. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);

    /** Delivered at once: the job has work left. */
    public void send(String jobId, String bucket, String key) {
        enqueue(jobId, bucket, key, 0);
    }

    /** Delivered after {@code delay} (a job waiting on a provider), capped by {@code max-poll-delay} and 15 min. */
    public void sendAfter(String jobId, String bucket, String key, Duration delay) {
        enqueue(jobId, bucket, key, delaySeconds(delay, maxDelay));
    }

    private void enqueue(String jobId, String bucket, String key, int delaySeconds) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(BatchMessages.continuation(jobId, bucket, key))
                .delaySeconds(delaySeconds));
    }

    /** At least 1 s: a waiting job must never come straight back (no hot loop), at most what SQS allows. */
    static int delaySeconds(Duration delay, Duration max) {
        long cap = Math.max(1, Math.min(MAX_DELAY.toSeconds(), max.toSeconds()));
        return (int) Math.max(1, Math.min(cap, delay.toSeconds()));
    }
}
