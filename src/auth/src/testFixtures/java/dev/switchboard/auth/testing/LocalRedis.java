package dev.switchboard.auth.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} on a random loopback port, no persistence, owned by the test that started it.
 * {@code .ci/run} installs the Debian package when it is missing; without the binary the test is skipped with a
 * message saying so.
 */
public final class LocalRedis implements AutoCloseable {

    private final Process process;
    private final int port;

    private LocalRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static LocalRedis start() {
        Path binary = binary().orElse(null);
        Assumptions.assumeTrue(
                binary != null,
                "redis-server not found on PATH or in /usr/bin (apt-get install -y redis-server); skipping");
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            try {
                Process p = new ProcessBuilder(
                                binary.toString(),
                                "--port",
                                Integer.toString(port),
                                "--bind",
                                "127.0.0.1",
                                "--save",
                                "",
                                "--appendonly",
                                "no",
                                "--daemonize",
                                "no",
                                "--protected-mode",
                                "yes",
                                "--loglevel",
                                "notice")
                        .redirectErrorStream(true)
                        .start();
                if (awaitReady(p)) {
                    return new LocalRedis(p, port);
                }
                p.destroyForcibly();
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("redis-server did not start", last);
    }

    /** Reads the server's log until it accepts connections (or exits, e.g. the port was taken meanwhile). */
    private static boolean awaitReady(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains("Ready to accept connections")) {
                Thread drain = new Thread(
                        () -> {
                            try {
                                while (out.readLine() != null) {
                                    // keep the pipe empty
                                }
                            } catch (IOException ignored) {
                                // the server stopped
                            }
                        },
                        "redis-server-log");
                drain.setDaemon(true);
                drain.start();
                return true;
            }
        }
        return false;
    }

    private static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(
                        Stream.of(path.split(java.io.File.pathSeparator)),
                        List.of("/usr/bin", "/usr/local/bin").stream())
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
