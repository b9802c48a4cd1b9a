package dev.switchboard.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.spi.ChatStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch clientGone = new CountDownLatch(1);

    private final SseDecoder textDecoder = new SseDecoder() {
        @Override
        public void onEvent(SseEvent event, Consumer<StreamEvent> out) {
            out.accept(new StreamEvent.TextDelta(event.data()));
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/slow-headers", ex -> {
            await(release);
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/limited", ex -> {
            ex.getResponseHeaders().add("retry-after", "3");
            byte[] body = "{\"error\":{\"message\":\"slow down\"}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(429, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/stalled-body", ex -> {
            // headers and the start of the body, then nothing: the HttpClient's own request timeout would not fire
            ex.sendResponseHeaders(200, 100);
            ex.getResponseBody().write("{\"partial\":".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            await(release);
            ex.close();
        });
        server.createContext("/ok", ex -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/stall", ex -> {
            ex.getResponseHeaders().add("content-type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                // keep writing keep-alives until the client disconnects
                while (!release.await(50, TimeUnit.MILLISECONDS)) {
                    out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException gone) {
                clientGone.countDown();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private HttpTransport transport() {
        return HttpTransport.create(
                "p",
                uri("/"),
                Duration.ofSeconds(2),
                (status, headers, body) -> HttpErrors.fromStatus(
                        "p", status, headers, new String(body, StandardCharsets.UTF_8), null, null));
    }

    @Test
    void noAnswerWithinTheTimeoutIsARetriableTimeout() {
        assertThatThrownBy(() -> transport()
                        .send(HttpCall.postJson(
                                uri("/slow-headers"), Map.of(), new byte[] {'{', '}'}, Duration.ofMillis(300))))
                .isInstanceOf(Timeout.class)
                .matches(e -> ((Timeout) e).retriable());
    }

    @Test
    void aBodyThatStallsAfterTheHeadersTimesOutToo() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> transport()
                        .send(HttpCall.postJson(
                                uri("/stalled-body"), Map.of(), new byte[] {'{', '}'}, Duration.ofMillis(300))))
                .isInstanceOf(Timeout.class)
                .hasMessageContaining("within 300 ms");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).as("the deadline fires at most a watchdog tick late").isBetween(290L, 2_000L);
        assertThat(Thread.currentThread().isInterrupted())
                .as("the watchdog's interrupt does not leak")
                .isFalse();
    }

    @Test
    void callsWithinTheirDeadlineLeaveNoInterruptBehind() throws Exception {
        HttpTransport transport = transport();
        for (int i = 0; i < 20; i++) {
            HttpReply reply = transport.send(HttpCall.get(uri("/ok"), Map.of(), Duration.ofSeconds(2)));
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
        // the same from a virtual thread, as the gateway calls it
        try (var virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            String seen = virtualThreads
                    .submit(() -> {
                        HttpReply reply = transport.send(HttpCall.get(uri("/ok"), Map.of(), Duration.ofSeconds(2)));
                        return reply.status() + " interrupted="
                                + Thread.currentThread().isInterrupted();
                    })
                    .get(10, TimeUnit.SECONDS);
            assertThat(seen).isEqualTo("200 interrupted=false");
        }
    }

    @Test
    void aCallerInterruptedForAnotherReasonKeepsItsInterrupt() throws InterruptedException {
        Thread caller = Thread.currentThread();
        Thread interrupter = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            caller.interrupt();
        });
        try {
            assertThatThrownBy(() -> transport()
                            .send(HttpCall.postJson(
                                    uri("/slow-headers"), Map.of(), new byte[] {'{', '}'}, Duration.ofSeconds(10))))
                    .isInstanceOf(UpstreamError.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.interrupted())
                    .as("the caller's own interrupt is kept (and cleared here)")
                    .isTrue();
        } finally {
            interrupter.join();
        }
    }

    @Test
    void errorStatusesAreMappedWithTheirHeaders() {
        assertThatThrownBy(() -> transport().send(HttpCall.get(uri("/limited"), Map.of(), Duration.ofSeconds(2))))
                .isInstanceOf(RateLimited.class)
                .matches(e -> ((RateLimited) e).retryAfter().equals(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> transport()
                        .openSse(
                                HttpCall.postJson(uri("/limited"), Map.of(), new byte[0], Duration.ofSeconds(2)),
                                textDecoder,
                                Duration.ofSeconds(1)))
                .as("a stream refused before it starts fails at open")
                .isInstanceOf(RateLimited.class);
    }

    @Test
    void connectionRefusedIsARetriableUpstreamError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/x");
        assertThatThrownBy(() -> HttpTransport.create("p", closed, Duration.ofSeconds(1), (s, h, b) -> null)
                        .send(HttpCall.get(closed, Map.of(), Duration.ofSeconds(2))))
                .isInstanceOf(UpstreamError.class)
                .matches(e -> ((UpstreamError) e).retriable());
    }

    @Test
    void aStalledStreamTimesOutAndClosingItDisconnectsTheUpstream() throws InterruptedException {
        ChatStream stream = transport()
                .openSse(
                        HttpCall.postJson(uri("/stall"), Map.of(), new byte[0], Duration.ofSeconds(2)),
                        textDecoder,
                        Duration.ofMillis(300));
        assertThat(stream.next()).isEqualTo(new StreamEvent.TextDelta("first"));
        assertThatThrownBy(stream::next).isInstanceOf(Timeout.class).hasMessageContaining("no data");
        stream.close();
        assertThat(clientGone.await(5, TimeUnit.SECONDS))
                .as("the upstream saw the disconnect")
                .isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
