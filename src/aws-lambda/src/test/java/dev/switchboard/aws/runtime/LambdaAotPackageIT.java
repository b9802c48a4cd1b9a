package dev.switchboard.aws.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.aws.runtime.RuntimeApiServer.Posted;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The java25-aot Lambda package end to end: {@code deploy/lambda-aot.sh} builds it from this module's package (its own
 * JDK, the cache trained through its bootstrap), and the zip, unpacked as Lambda unpacks it, starts from
 * {@code bootstrap} against a runtime API and answers API Gateway events through Bedrock (the real SDK) and an
 * OpenAI-compatible provider on the emulator, with the application's classes loaded from the AOT cache; and so it does
 * when the extraction did not keep the jars' times, which the cache checks (the bootstrap runs from a copy in /tmp);
 * and with telemetry on (an OTLP endpoint, as terraform's {@code otlp_endpoint} sets it), whose OpenTelemetry classes
 * the cache holds too.
 */
class LambdaAotPackageIT {
    /** Lambda's limit on a function's unpacked size (code and layers). */
    private static final long UNZIPPED_LIMIT = 250L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path zip;
    private static Path task;
    private static Path moved;
    private static Emulator emulator;
    private static Fn inPlace;
    private static Fn copied;
    private static Fn traced;
    /** A loopback OTLP/HTTP collector: the paths of the exports it got. */
    private static HttpServer collector;

    private static final List<String> EXPORTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void build() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the JDK AOT cache (-XX:AOTCacheOutput) needs JDK 25");
        Path module = Path.of("").toAbsolutePath();
        Path script = module.resolve("../../deploy/lambda-aot.sh").normalize();
        Path buildLog = Files.createTempFile("lambda-aot-build-", ".log");
        ProcessBuilder pb =
                new ProcessBuilder(script.toString()).redirectErrorStream(true).redirectOutput(buildLog.toFile());
        pb.environment().put("SKIP_BUILD", "1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES))
                .as("deploy/lambda-aot.sh finished")
                .isTrue();
        assertThat(p.exitValue())
                .as("deploy/lambda-aot.sh:\n%s", tail(buildLog))
                .isZero();
        zip = module.resolve("target/function-aot.zip");

        // unpacked as Lambda does (file modes and times from the zip) into a directory of its own
        task = unpack();
        // and as an extraction that does not keep the zip's times would leave it: every file an hour old
        moved = unpack();
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (Stream<Path> files = Files.walk(moved)) {
            for (Path f : files.toList()) Files.setLastModifiedTime(f, anHourAgo);
        }

        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc());
        inPlace = Fn.start(task, emulator);
        copied = Fn.start(moved, emulator);
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            EXPORTS.add(ex.getRequestURI().getPath());
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        collector.start();
        traced = Fn.start(
                task,
                emulator,
                "-Dquarkus.otel.exporter.otlp.endpoint=http://127.0.0.1:"
                        + collector.getAddress().getPort(),
                "-Dquarkus.otel.bsp.schedule.delay=100ms");
    }

    @AfterAll
    static void stop() throws IOException {
        for (Fn fn : new Fn[] {inPlace, copied, traced}) if (fn != null) fn.close();
        if (emulator != null) emulator.close();
        if (collector != null) collector.stop(0);
        for (Path dir : new Path[] {task, moved}) delete(dir);
    }

    @Test
    void thePackageHoldsItsRuntimeAndFitsLambdasUnzippedLimit() throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = z.stream().map(e -> e.getName()).toList();
            assertThat(names)
                    .contains("bootstrap", "jre/bin/java", "app/app.aot", "app/switchboard-aws-lambda-runner.jar");
            assertThat(names).noneMatch(n -> n.startsWith("jre/jmods/") || n.endsWith("/ct.sym"));
            long unzipped = z.stream().mapToLong(e -> e.getSize()).sum();
            assertThat(unzipped).as("unpacked bytes").isLessThan(UNZIPPED_LIMIT);
        }
        assertThat(Files.getPosixFilePermissions(task.resolve("bootstrap")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void bedrockAndOpenAiCompatibleChatsAreAnsweredWithTheApplicationLoadedFromTheCache() throws Exception {
        JsonNode bedrock = answer(inPlace.api.invokeAndWait(
                event("{\"model\":\"default\",\"max_tokens\":16,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                Map.of(),
                Duration.ofMinutes(2)));
        assertThat(bedrock.path("statusCode").asInt()).as(bedrock.toString()).isEqualTo(200);
        JsonNode body = JSON.readTree(bedrock.path("body").asText());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("model").asText()).isEqualTo("emu-bedrock/emulator-1");
        assertThat(body.path("choices").get(0).path("message").path("content").asText())
                .isNotEmpty();
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isPositive();

        JsonNode stream = answer(inPlace.api.invokeAndWait(
                event("{\"model\":\"emu/emulator-1\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                Map.of(),
                Duration.ofSeconds(60)));
        assertThat(stream.path("statusCode").asInt()).isEqualTo(200);
        assertThat(stream.path("body").asText())
                .contains("chat.completion.chunk")
                .endsWith("data: [DONE]\n\n");

        assertThat(inPlace.output())
                .contains("lambda runtime: io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler initialized in")
                .doesNotContain("switchboard bootstrap:");
        assertStartedFromTheCache(inPlace);
        assertThat(inPlace.tmp.resolve("switchboard-aot-app")).doesNotExist();
    }

    @Test
    void anExtractionThatDidNotKeepTheJarTimesStillStartsFromTheCache() throws Exception {
        chat(copied);

        assertThat(copied.output())
                .contains("switchboard bootstrap: the jars' modification times are not the AOT cache's; running from a"
                        + " copy in " + copied.tmp.resolve("switchboard-aot-app"));
        assertStartedFromTheCache(copied);
        // the package's own directory (read-only on Lambda) is left as it was
        assertThat(moved.resolve("app"))
                .isDirectoryNotContaining(p -> !p.getFileName().toString().equals("lib")
                        && !p.getFileName().toString().equals("app.aot")
                        && !p.getFileName().toString().equals("switchboard-aws-lambda-runner.jar"));
    }

    @Test
    void withTelemetryOnTheOpenTelemetryClassesComeFromTheCacheToo() throws Exception {
        chat(traced);
        // telemetry was on: the request's spans reached the collector
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!EXPORTS.contains("/v1/traces") && System.nanoTime() < until) Thread.sleep(50);
        assertThat(EXPORTS).as("exports the collector got").contains("/v1/traces");

        assertStartedFromTheCache(traced);
        // the OpenTelemetry SDK's classes too (a cache trained with telemetry off holds none: they load from the jars)
        mostlyFromTheCache(traced, "io.opentelemetry.sdk.", "io.opentelemetry.sdk.trace.SdkSpan", 1);
    }

    /** A non-streamed chat through the OpenAI-compatible provider, answered whole. */
    private static void chat(Fn fn) throws Exception {
        JsonNode chat = answer(fn.api.invokeAndWait(
                event("{\"model\":\"emu/emulator-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                Map.of(),
                Duration.ofMinutes(2)));
        assertThat(chat.path("statusCode").asInt()).as(chat.toString()).isEqualTo(200);
        assertThat(JSON.readTree(chat.path("body").asText()).path("object").asText())
                .isEqualTo("chat.completion");
    }

    /** No [error][aot] line (a cache the JVM rejects: another JDK, changed jar times) and our classes from the cache. */
    private static void assertStartedFromTheCache(Fn fn) throws IOException {
        assertThat(fn.output()).doesNotContain("[error").doesNotContain("][aot]");
        // the application's own classes came from the cache, not from its jars
        mostlyFromTheCache(fn, "dev.switchboard.", "dev.switchboard.aws.runtime.LambdaRuntime", 301);
    }

    /**
     * Of the classes under {@code prefix} that {@code fn} loaded (hidden classes never come from a cache), at least
     * {@code atLeast} and 90 % came from the AOT cache, {@code oneOfThem} among them.
     */
    private static void mostlyFromTheCache(Fn fn, String prefix, String oneOfThem, int atLeast) throws IOException {
        List<String> loaded = Files.readAllLines(fn.classLoad).stream()
                .filter(l -> l.contains("] " + prefix) && !l.contains("/0x"))
                .toList();
        assertThat(loaded).anyMatch(l -> l.contains(oneOfThem + " source: shared objects file"));
        assertThat(loaded.stream().filter(l -> l.endsWith("source: shared objects file")))
                .as("%s classes from the cache, of %d loaded", prefix, loaded.size())
                .hasSizeGreaterThanOrEqualTo(Math.max(atLeast, loaded.size() * 9 / 10));
    }

    /** One unpacked package started from its {@code bootstrap} against a runtime API of its own. */
    private record Fn(Process process, RuntimeApiServer api, Path log, Path classLoad, Path tmp) {
        static Fn start(Path task, Emulator emulator, String... jvmOptions) throws IOException {
            RuntimeApiServer api = new RuntimeApiServer();
            String http = emulator.httpBaseUri().toString();
            Path log = Files.createTempFile("lambda-aot-run-", ".log");
            Path tmp = Files.createTempDirectory("lambda-tmp-");
            // not created beforehand: the JVM would keep an existing file as class-load.txt.0
            Path classLoad = tmp.resolve("class-load.txt");
            List<String> command = new ArrayList<>(List.of(
                    task.resolve("bootstrap").toString(),
                    "-Xlog:class+load=info:file=" + classLoad,
                    "-Daws.accessKeyId=AKIDEMULATOR",
                    "-Daws.secretAccessKey=emulator-secret",
                    "-Dswitchboard.providers.emu-bedrock.type=bedrock",
                    "-Dswitchboard.providers.emu-bedrock.endpoint=" + http,
                    "-Dswitchboard.providers.emu-bedrock.region=us-east-1",
                    "-Dswitchboard.providers.emu.type=openai-compatible",
                    "-Dswitchboard.providers.emu.base-url=" + http + "/v1",
                    "-Dswitchboard.routes.default.targets=emu-bedrock/emulator-1"));
            command.addAll(List.of(jvmOptions));
            ProcessBuilder run =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            run.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            run.environment().put("_HANDLER", "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
            run.environment().put("AWS_LAMBDA_FUNCTION_NAME", "switchboard-aot-it");
            run.environment().put("TMPDIR", tmp.toString());
            return new Fn(run.start(), api, log, classLoad, tmp);
        }

        String output() throws IOException {
            return Files.readString(log);
        }

        void close() throws IOException {
            process.destroyForcibly();
            api.close();
            delete(tmp);
            Files.deleteIfExists(log);
        }
    }

    private static Path unpack() throws Exception {
        Path dir = Files.createTempDirectory("var-task-");
        Process unzip = new ProcessBuilder("unzip", "-q", zip.toString(), "-d", dir.toString())
                .inheritIO()
                .start();
        assertThat(unzip.waitFor(2, TimeUnit.MINUTES) && unzip.exitValue() == 0).isTrue();
        return dir;
    }

    private static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static JsonNode answer(Posted posted) throws IOException {
        assertThat(posted.kind()).as(posted.body()).isEqualTo("response");
        return JSON.readTree(posted.body());
    }

    /** A Function URL event (payload format 2.0) for POST /v1/chat/completions. */
    private static String event(String body) throws IOException {
        return """
                {"version":"2.0","routeKey":"$default","rawPath":"/v1/chat/completions","rawQueryString":"",
                 "headers":{"content-type":"application/json","accept":"*/*"},
                 "requestContext":{"http":{"method":"POST","path":"/v1/chat/completions","protocol":"HTTP/1.1",
                   "sourceIp":"127.0.0.1","userAgent":"it"},"requestId":"r1","routeKey":"$default","stage":"$default",
                   "timeEpoch":1},
                 "body":%s,"isBase64Encoded":false}
                """.formatted(JSON.writeValueAsString(body));
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
