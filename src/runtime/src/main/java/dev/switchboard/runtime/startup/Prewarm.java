package dev.switchboard.runtime.startup;

import dev.switchboard.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Start-up pre-warm: while the main thread boots the application, a daemon thread does once the JDK-level work a
 * process's first proxied answer would otherwise do on the request path (bench/NOTES.md 11.1): the default TLS
 * context (the JDK HttpClient builds it even for http:// providers; reading the CA certificates dominates), the
 * HttpClient's classes and one HTTP/1.1 exchange with a throwaway client against a throwaway loopback socket
 * (request writing, response parsing), Jackson's mapper and tree classes, {@code BigDecimal}. On 2 or more CPUs
 * that runs in parallel with the boot; on one CPU it is the same work the first request would do, done earlier.
 *
 * <p>Nothing of it is visible: no provider is called, no application client or bean is created (each provider still
 * builds its own client on first use), the loopback socket is bound to 127.0.0.1 on an ephemeral port and closed
 * with the client. Every step is independent and a failure of one is swallowed (the step simply was not warmed):
 * pre-warm can never stop or delay a start. It logs nothing (it runs before logging is set up).
 */
public final class Prewarm implements Runnable {
    /** A step's outcome, for tests; a failed step is not an error. */
    public record Step(String name, Throwable failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] ANSWER =
            "{\"id\":\"prewarm\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"
                    .getBytes(StandardCharsets.UTF_8);

    /** One piece of warm-up work; it may throw anything. */
    interface Work {
        void run() throws Exception;
    }

    record Task(String name, Work work) {}

    private final List<Task> tasks;
    private final List<Step> steps = new ArrayList<>();

    public Prewarm() {
        this(List.of(
                // BigDecimal first: its class initialiser (a table of powers of five, squared in the interpreter)
                // is otherwise paid by the main thread while it maps the configuration's prices
                new Task("decimal", () -> new BigDecimal("0.15").multiply(BigDecimal.TEN)),
                new Task("tls-default", SSLContext::getDefault),
                new Task("json", Prewarm::json),
                new Task("http-exchange", Prewarm::loopbackExchange)));
    }

    Prewarm(List<Task> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    /** Starts pre-warm on a daemon thread and returns it; never throws. */
    public static Thread startInBackground() {
        return startInBackground(new Prewarm());
    }

    static Thread startInBackground(Prewarm prewarm) {
        try {
            Thread t = new Thread(prewarm, "switchboard-prewarm");
            t.setDaemon(true);
            t.start();
            return t;
        } catch (Throwable e) {
            return null;
        }
    }

    @Override
    public void run() {
        for (Task task : tasks) step(task);
    }

    /** The steps run so far, in order. */
    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    private void step(Task task) {
        Throwable failure = null;
        try {
            task.work().run();
        } catch (Throwable e) {
            failure = e;
        }
        synchronized (this) {
            steps.add(new Step(task.name(), failure));
        }
    }

    private static void json() {
        Json.write(Json.parse(ANSWER));
    }

    /**
     * One POST through a client configured like HttpTransport's (HTTP/1.1, no redirects, inline executor), sent
     * with the blocking {@code send} from this thread, answered by a one-shot responder thread on a loopback socket.
     */
    static void loopbackExchange() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) EXCHANGE_TIMEOUT.toMillis());
            Thread responder = new Thread(() -> answerOnce(server), "switchboard-prewarm-responder");
            responder.setDaemon(true);
            responder.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat/completions");
            try (HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(EXCHANGE_TIMEOUT)
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(Runnable::run)
                    .build()) {
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .timeout(EXCHANGE_TIMEOUT)
                        .header("user-agent", "switchboard-prewarm")
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(ANSWER))
                        .build();
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                Json.parse(response.body());
                client.shutdownNow();
            }
            responder.join(EXCHANGE_TIMEOUT.toMillis());
        }
    }

    private static void answerOnce(ServerSocket server) {
        try (Socket s = server.accept()) {
            s.setSoTimeout((int) EXCHANGE_TIMEOUT.toMillis());
            readRequest(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: " + ANSWER.length
                            + "\r\nconnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(ANSWER);
            out.flush();
        } catch (IOException ignored) {
            // the exchange step then fails on its own timeout or error; nothing else depends on it
        }
    }

    /** Reads the head and a Content-Length body, so the client never sees its request cut off. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') break;
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                length = Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        in.readNBytes((int) Math.min(length, 1 << 16));
    }
}
