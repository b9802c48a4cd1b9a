package dev.switchboard.aws.batch.store;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The S3 and SQS clients of the batch function: credentials and region from the default chains (the execution
 * role, {@code AWS_REGION}), the small URL-connection HTTP client, and endpoint overrides for S3-compatible servers
 * and local stand-ins.
 */
public final class AwsClients {
    private AwsClients() {}

    public static S3Client s3(Optional<String> region, Optional<URI> endpoint, boolean pathStyle) {
        return s3Builder(region, endpoint, pathStyle).build();
    }

    /** The builder behind {@link #s3}, for callers that add to it (tests: static credentials). */
    public static S3ClientBuilder s3Builder(Optional<String> region, Optional<URI> endpoint, boolean pathStyle) {
        S3ClientBuilder b =
                S3Client.builder().httpClient(UrlConnectionHttpClient.create()).forcePathStyle(pathStyle);
        region.map(Region::of).ifPresent(b::region);
        endpoint.ifPresent(e -> {
            b.endpointOverride(e);
            // S3-compatible servers (s3proxy, older MinIO) reject the SDK's default trailing checksums
            b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            b.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        });
        return b;
    }

    public static SqsClient sqs(Optional<String> region, Optional<URI> endpoint) {
        SqsClientBuilder b = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
        region.map(Region::of).ifPresent(b::region);
        endpoint.ifPresent(b::endpointOverride);
        return b.build();
    }
}
