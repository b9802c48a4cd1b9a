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
        @Override public void onEvent(SseEvent event, Consumer<StreamEvent> out) {
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
        return HttpTransport.create("p", uri("/"), Duration.ofSeconds(2),
                (status, headers, body) -> HttpErrors.fromStatus("p", status, headers, new String(body, StandardCharsets.UTF_8), null, null));
    }

    @Test
    void noAnswerWithinTheTimeoutIsARetriableTimeout() {
        assertThatThrownBy(() -> transport().send(HttpCall.postJson(uri("/slow-headers"), Map.of(), new byte[] {'{', '}'},
                Duration.ofMillis(300)))).isInstanceOf(Timeout.class).matches(e -> ((Timeout) e).retriable());
    }

    @Test
    void errorStatusesAreMappedWithTheirHeaders() {
        assertThatThrownBy(() -> transport().send(HttpCall.get(uri("/limited"), Map.of(), Duration.ofSeconds(2))))
                .isInstanceOf(RateLimited.class)
                .matches(e -> ((RateLimited) e).retryAfter().equals(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> transport().openSse(HttpCall.postJson(uri("/limited"), Map.of(), new byte[0], Duration.ofSeconds(2)),
                textDecoder, Duration.ofSeconds(1))).as("a stream refused before it starts fails at open").isInstanceOf(RateLimited.class);
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
                .isInstanceOf(UpstreamError.class).matches(e -> ((UpstreamError) e).retriable());
    }

    @Test
    void aStalledStreamTimesOutAndClosingItDisconnectsTheUpstream() throws InterruptedException {
        ChatStream stream = transport().openSse(HttpCall.postJson(uri("/stall"), Map.of(), new byte[0], Duration.ofSeconds(2)),
                textDecoder, Duration.ofMillis(300));
        assertThat(stream.next()).isEqualTo(new StreamEvent.TextDelta("first"));
        assertThatThrownBy(stream::next).isInstanceOf(Timeout.class).hasMessageContaining("no data");
        stream.close();
        assertThat(clientGone.await(5, TimeUnit.SECONDS)).as("the upstream saw the disconnect").isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
