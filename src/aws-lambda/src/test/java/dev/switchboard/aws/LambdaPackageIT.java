package dev.switchboard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What is in the function.zip Terraform uploads: only the AWS side, the handler, and the SnapStart integration. */
class LambdaPackageIT {
    private static final String HANDLER = "io/quarkus/amazon/lambda/runtime/QuarkusStreamHandler.class";
    private static final String PRELOAD_LIST = "META-INF/quarkus-generated-preload-classes.txt";
    /** Direct upload limit of a zipped Lambda package (terraform/aws uploads directly). */
    private static final long DIRECT_UPLOAD_LIMIT = 50L * 1024 * 1024;

    private static Path zip;
    /** Every entry (the runner's classes sit at the root, libraries under lib/), nested jars' as "lib/x.jar!/path". */
    private static final List<String> ENTRIES = new ArrayList<>();

    private static String preloadList;

    @BeforeAll
    static void read() throws IOException {
        zip = Path.of(System.getProperty("function.zip", "target/function.zip"));
        assertThat(zip).as("run after package").isRegularFile();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                ENTRIES.add(e.getName());
                if (e.getName().equals(PRELOAD_LIST)) {
                    try (InputStream in = z.getInputStream(e)) {
                        preloadList = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                if (!e.getName().endsWith(".jar")) continue;
                try (InputStream in = z.getInputStream(e)) {
                    nested(e.getName(), in.readAllBytes());
                }
            }
        }
    }

    private static void nested(String jar, byte[] bytes) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ENTRIES.add(jar + "!/" + e.getName());
                if (e.getName().equals(PRELOAD_LIST)) {
                    preloadList = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
    }

    @Test
    void carriesNoGoogleLibrary() {
        assertThat(ENTRIES)
                .noneMatch(e -> e.contains("com/google/cloud/")
                        || e.contains("io/grpc/")
                        || e.toLowerCase().contains("aiplatform")
                        || e.contains("com/google/api/gax/"));
        assertThat(ENTRIES)
                .filteredOn(e -> e.startsWith("lib/") && !e.contains("!/"))
                .noneMatch(e -> e.startsWith("lib/com.google.cloud") || e.startsWith("lib/io.grpc"));
    }

    @Test
    void isDirectlyUploadableAndHasTheHandler() throws IOException {
        assertThat(Files.size(zip)).isLessThan(DIRECT_UPLOAD_LIMIT);
        assertThat(ENTRIES).anyMatch(e -> e.equals(HANDLER) || e.endsWith("!/" + HANDLER));
        // shared with the batch package through src/aws-common, so it sits in that library jar
        assertThat(ENTRIES)
                .anyMatch(e -> e.startsWith("lib/dev.switchboard.switchboard-aws-common-")
                        && e.endsWith("!/dev/switchboard/aws/SecretsManagerConfigSource.class"));
        // the SDK's default sync client (Apache 5) is excluded: every client here is given url-connection or Netty
        assertThat(ENTRIES)
                .noneMatch(e -> e.startsWith("lib/org.apache.httpcomponents") || e.contains("apache5-client"));
    }

    /**
     * quarkus-amazon-lambda turns SnapStart support on by default and application.yaml says so explicitly: the build
     * records the SnapStart step (it starts the application during init, the full warmup) and writes the list of
     * classes to load and initialize before the snapshot, the application's own among them. (The Secrets Manager config
     * source lives in a library jar, which the list does not cover; the full warmup loads it anyway: starting the
     * application reads every config source.)
     */
    @Test
    void recordsTheSnapStartIntegration() {
        assertThat(ENTRIES)
                .anyMatch(e -> e.startsWith("io/quarkus/runner/recorded/SnapStartProcessor$processSnapStart"));
        assertThat(preloadList).as(PRELOAD_LIST).isNotNull().contains("dev.switchboard.");
    }
}
