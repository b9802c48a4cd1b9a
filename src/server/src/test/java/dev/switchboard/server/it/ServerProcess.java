package dev.switchboard.server.it;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged server, {@code java -jar target/quarkus-app/quarkus-run.jar}, in its own JVM; output kept in a file. */
final class ServerProcess implements AutoCloseable {
    /** Provider keys a developer may have exported; the packaged server must not see them here. */
    static final List<String> KEY_VARIABLES = List.of(
            "OPENAI_API_KEY",
            "AZURE_OPENAI_API_KEY",
            "ANTHROPIC_API_KEY",
            "GEMINI_API_KEY",
            "OPENAI_BASE_URL",
            "OLLAMA_BASE_URL",
            "QUARKUS_PROFILE",
            "QUARKUS_CONFIG_LOCATIONS");

    /** Quarkus's start line names the port it bound. */
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path output;
    private volatile int port;

    private ServerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts the server; does not wait for it (see {@link #awaitReady} and {@link #awaitExit}). */
    static ServerProcess launch(String name, List<String> jvmArgs, Map<String, String> env) throws IOException {
        // -Dserver.native=<runner>: the native executable instead (.github/workflows/native.yml); it takes -D too
        String nativeRunner = System.getProperty("server.native", "");
        Path jar = Path.of(System.getProperty("server.jar", "target/quarkus-app/quarkus-run.jar"));
        Path packaged = nativeRunner.isBlank() ? jar : Path.of(nativeRunner).toAbsolutePath();
        if (!Files.isRegularFile(packaged))
            throw new IllegalStateException("no packaged server at " + packaged + " (run after package)");
        List<String> cmd = new ArrayList<>();
        cmd.add(
                nativeRunner.isBlank()
                        ? Path.of(System.getProperty("java.home"), "bin", "java")
                                .toString()
                        : packaged.toString());
        // port 0: the server binds a free port itself and names it in its start line. A port picked here and bound
        // there could be taken in between (CI: "Port … seems to be in use", and /health/live answered by another
        // process)
        cmd.add("-Dquarkus.http.port=0");
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.addAll(jvmArgs);
        if (nativeRunner.isBlank()) cmd.addAll(List.of("-jar", jar.toString()));
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        KEY_VARIABLES.forEach(pb.environment()::remove);
        pb.environment().remove("PORT");
        pb.environment().putAll(env);
        return new ServerProcess(pb.start(), out);
    }

    URI uri(String path) {
        if (port == 0) throw new IllegalStateException("the server has not named its port yet (awaitReady first)");
        return URI.create("http://127.0.0.1:" + port + path);
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    ServerProcess awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + output());
                }
                if (port == 0) {
                    Matcher m = LISTENING.matcher(output());
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
                    if (r.statusCode() == 200) return this;
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("the server did not answer within " + timeout + ":\n" + output());
    }

    /** The exit code, once the process ends by itself within the timeout. */
    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new IllegalStateException("the server was still running after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        LocalProcesses.stop(process);
    }
}
