package dev.switchboard.gcp;

import dev.switchboard.emulator.Emulator;
import dev.switchboard.testing.LocalProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged function under the real Functions Framework invoker, in its own JVM, as Cloud Functions runs it:
 * {@code java -jar java-function-invoker.jar --classpath <runner jar> --target <class> --port 0}. Its stdout is
 * kept in a file, where Cloud Logging's agent would read it. Shared with src/gcp-batch's tests (a test-fixtures source folder):
 * the function must answer {@code GET /health/live} with 200 once it can serve.
 */
public final class InvokerProcess implements AutoCloseable {
    /** Jetty's start line names the port the invoker bound ({@code --port 0}). */
    private static final Pattern STARTED =
            Pattern.compile("Started \\S*ServerConnector@\\S*\\{[^}]*\\}\\{[^:}]*:(\\d+)\\}");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private volatile int port;

    private InvokerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * {@code SwitchboardFunction} with Vertex AI on {@code emulator} (plaintext gRPC) as its default target, one
     * attempt per call and no provider key from this environment, as the tests of the deployed entry point run it;
     * {@code jvmArgs} and {@code env} add to (or override) that.
     */
    public static InvokerProcess switchboard(Emulator emulator, List<String> jvmArgs, Map<String, String> env)
            throws Exception {
        List<String> jvm = new ArrayList<>(List.of(
                "-Dswitchboard.providers.vertex.endpoint=" + emulator.grpcTarget(),
                "-Dswitchboard.providers.vertex.plaintext=true",
                "-Dswitchboard.retry.max-attempts=1"));
        jvm.addAll(jvmArgs);
        Map<String, String> environment = new HashMap<>();
        environment.put("GOOGLE_CLOUD_PROJECT", "switchboard-it");
        environment.put("SWITCHBOARD_DEFAULT_TARGETS", "vertex/emulator-1");
        for (String key : List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY")) environment.put(key, null);
        environment.putAll(env);
        return start("dev.switchboard.gcp.SwitchboardFunction", jvm, environment);
    }

    public static InvokerProcess start(String target, List<String> jvmArgs, Map<String, String> env) throws Exception {
        Path invoker = Path.of(required("invoker.jar"));
        Path function = Path.of(required("function.jar"));
        if (!Files.isRegularFile(invoker)) throw new IllegalStateException("no invoker jar at " + invoker);
        if (!Files.isRegularFile(function)) throw new IllegalStateException("no packaged function at " + function);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of(
                "-jar",
                invoker.toString(),
                "--classpath",
                function.toString(),
                "--target",
                target,
                // port 0: Jetty binds a free port itself and names it; a port picked here could be taken before the
                // invoker binds it (as happened to the packaged server's ITs)
                "--port",
                "0"));
        Path logs = Path.of(System.getProperty("function.jar"))
                .getParent()
                .getParent()
                .resolve("invoker-logs");
        Files.createDirectories(logs);
        Path out = Files.createTempFile(logs, "stdout-", ".log");
        Path err = Files.createTempFile(logs, "stderr-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        // a null value removes the variable: the function must not see the developer's own keys
        env.forEach((k, v) -> {
            if (v == null) pb.environment().remove(k);
            else pb.environment().put(k, v);
        });
        InvokerProcess p = new InvokerProcess(pb.start(), out, err);
        p.awaitReady(Duration.ofSeconds(90));
        return p;
    }

    public URI uri(String path) {
        if (port == 0) throw new IllegalStateException("the invoker has not named its port yet");
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Every line the function printed on stdout so far. */
    public List<String> stdoutLines() throws IOException {
        return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    }

    /** The invoker's and the function's log (java.util.logging and Quarkus write to stderr). */
    public String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "the invoker exited with " + process.exitValue() + ":\n" + stderr());
                }
                if (port == 0) {
                    Matcher m = STARTED.matcher(stderr());
                    if (m.find()) port = Integer.parseInt(m.group(1));
                    Thread.sleep(50);
                    continue;
                }
                try {
                    HttpResponse<Void> r = client.send(
                            HttpRequest.newBuilder(uri("/health/live"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) return;
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("the invoker did not answer /health/live within " + timeout);
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null)
            throw new IllegalStateException("system property " + property + " is not set (run as a failsafe IT)");
        return v;
    }

    @Override
    public void close() {
        LocalProcesses.stop(process);
    }
}
