package dev.switchboard.aws.batch;

import dev.switchboard.aws.batch.store.AwsClients;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One S3 and one SQS client per function instance (the execution role's credentials, default chain). */
@Singleton
public class AwsClientProducers {

    @Produces
    @Singleton
    S3Client s3(AwsBatchConfig config) {
        return AwsClients.s3(
                config.region(), config.s3().endpoint(), config.s3().pathStyle());
    }

    void close(@Disposes S3Client s3) {
        s3.close();
    }

    @Produces
    @Singleton
    SqsClient sqs(AwsBatchConfig config) {
        return AwsClients.sqs(config.region(), config.sqs().endpoint());
    }

    void close(@Disposes SqsClient sqs) {
        sqs.close();
    }
}
