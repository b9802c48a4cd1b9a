package dev.switchboard.aws.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Hands an unfinished job on: a continuation message on the job queue, which invokes the function again. */
@ApplicationScoped
public class Continuations {
    private final SqsClient sqs;
    private final String queueUrl;

    @Inject
    public Continuations(SqsClient sqs, AwsBatchConfig config) {
        this.sqs = sqs;
        this.queueUrl = config.queueUrl();
    }

    public void send(String jobId, String bucket, String key) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(BatchMessages.continuation(jobId, bucket, key)));
    }
}
