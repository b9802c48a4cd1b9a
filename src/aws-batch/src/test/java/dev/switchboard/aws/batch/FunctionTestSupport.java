package dev.switchboard.aws.batch;

import io.quarkus.test.junit.QuarkusMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The clients of the function's tests (bucket, queue) and a full Lambda invocation's time by default. */
abstract class FunctionTestSupport {
    static final String BUCKET = AwsBatchResource.BUCKET;
    static S3Client s3;
    static SqsClient sqs;
    static QueueDelivery queue;

    @BeforeAll
    static void clients() {
        s3 = AwsBatchResource.s3().client();
        sqs = AwsBatchResource.sqs().client();
        queue = new QueueDelivery(sqs, s3);
    }

    @AfterAll
    static void close() {
        s3.close();
        sqs.close();
    }

    @BeforeEach
    void fullInvocations() {
        QuarkusMock.installMockForType(ScriptedBudget.ample(), InvocationBudget.class);
    }
}
