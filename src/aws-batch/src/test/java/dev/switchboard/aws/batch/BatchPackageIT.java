package dev.switchboard.aws.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What is in the batch function.zip terraform/aws uploads: the handler, the engine, S3 and SQS, nothing of Google. */
class BatchPackageIT {
    private static final long DIRECT_UPLOAD_LIMIT = 50L * 1024 * 1024;
    private static Path zip;
    private static final List<String> ENTRIES = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        zip = Path.of(System.getProperty("function.zip", "target/function.zip"));
        assertThat(zip).as("run after package").isRegularFile();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                ENTRIES.add(e.getName());
                if (!e.getName().endsWith(".jar")) continue;
                try (InputStream in = z.getInputStream(e);
                        ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(in.readAllBytes()))) {
                    for (ZipEntry n = jar.getNextEntry(); n != null; n = jar.getNextEntry()) {
                        ENTRIES.add(e.getName() + "!/" + n.getName());
                    }
                }
            }
        }
    }

    @Test
    void carriesTheHandlerTheEngineAndTheAwsClients() {
        assertThat(ENTRIES)
                .anyMatch(e -> e.endsWith("io/quarkus/amazon/lambda/runtime/QuarkusStreamHandler.class"))
                .anyMatch(e -> e.endsWith("dev/switchboard/aws/batch/BatchFunction.class"))
                .anyMatch(e -> e.endsWith("dev/switchboard/batch/BatchEngine.class"))
                .anyMatch(e -> e.endsWith("software/amazon/awssdk/services/s3/S3Client.class"))
                .anyMatch(e -> e.endsWith("software/amazon/awssdk/services/sqs/SqsClient.class"))
                .anyMatch(e -> e.endsWith("dev/switchboard/provider/bedrock/BedrockProviderFactory.class"));
    }

    @Test
    void carriesNoGoogleLibraryAndNoTestServer() {
        assertThat(ENTRIES)
                .noneMatch(e -> e.contains("com/google/cloud/")
                        || e.contains("io/grpc/")
                        || e.contains("com/google/api/gax/")
                        || e.contains("org/gaul/s3proxy/")
                        || e.contains("org/elasticmq/")
                        || e.contains("dev/switchboard/emulator/"));
    }

    @Test
    void fitsLambdasDirectUploadLimit() throws IOException {
        assertThat(Files.size(zip)).isLessThan(DIRECT_UPLOAD_LIMIT);
    }
}
