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

    @Inject
    public Continuations(SqsClient sqs, AwsBatchConfig config) {
        this.sqs = sqs;
        this.queueUrl = config.queueUrl();
    }

    /** SQS holds a message back for at most 15 minutes. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);

    public void send(String jobId, String bucket, String key) {
        send(jobId, bucket, key, Duration.ZERO);
    }

    /** Delivered after {@code delay}, capped at {@link #MAX_DELAY}. */
    public void send(String jobId, String bucket, String key, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(MAX_DELAY.toSeconds(), delay.toSeconds()));
        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(BatchMessages.continuation(jobId, bucket, key))
                .delaySeconds(seconds));
    }
}
