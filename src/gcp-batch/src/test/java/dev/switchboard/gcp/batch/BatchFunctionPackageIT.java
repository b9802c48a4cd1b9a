package dev.switchboard.gcp.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** What is in target/deployment (the jar deploy/gcp.sh zips): the entry point, Vertex, GCS, Pub/Sub, nothing from AWS. */
class BatchFunctionPackageIT {

    @Test
    void carriesTheEntryPointAndNoAwsLibrary() throws IOException {
        Path jar = Path.of(System.getProperty("function.jar"));
        assertThat(jar).as("run after package").isRegularFile();
        List<String> entries;
        try (ZipFile z = new ZipFile(jar.toFile())) {
            entries = z.stream().map(ZipEntry::getName).toList();
        }
        assertThat(entries)
                .contains(
                        "dev/switchboard/gcp/batch/BatchFunction.class",
                        "dev/switchboard/gcp/VertexProviders.class",
                        "io/quarkus/gcp/functions/http/QuarkusHttpFunction.class",
                        "com/google/cloud/storage/Storage.class",
                        "com/google/cloud/pubsub/v1/Publisher.class");
        assertThat(entries).noneMatch(e -> e.startsWith("software/amazon/") || e.startsWith("com/amazonaws/"));
        assertThat(entries)
                .as("the Functions Framework API is the runtime's")
                .noneMatch(e -> e.startsWith("com/google/cloud/functions/"));
    }
}
