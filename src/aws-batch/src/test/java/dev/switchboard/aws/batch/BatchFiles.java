package dev.switchboard.aws.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/** What the function's tests read back: job files in the test bucket, cost records in the cost file. */
final class BatchFiles {
    private BatchFiles() {}

    static JsonNode json(S3Client s3, String key) {
        return parse(s3.getObjectAsBytes(b -> b.bucket(AwsBatchResource.BUCKET).key(key))
                .asUtf8String());
    }

    static List<JsonNode> jsonLines(S3Client s3, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(AwsBatchResource.BUCKET).key(key))
                .asUtf8String()
                .lines()
                .filter(l -> !l.isBlank())
                .map(BatchFiles::parse)
                .toList();
    }

    /** The cost records of one job ({@code batch_job_id}). */
    static List<JsonNode> costRecords(String job) {
        try {
            return Files.readAllLines(AwsBatchResource.costFile()).stream()
                    .filter(l -> !l.isBlank())
                    .map(BatchFiles::parse)
                    .filter(r -> job.equals(r.path("batch_job_id").asText()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String s) {
        try {
            return QueueDelivery.JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
