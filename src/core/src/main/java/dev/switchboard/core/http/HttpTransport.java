package dev.switchboard.core.http;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.spi.ChatStream;
import dev.switchboard.core.spi.PushChatStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * The one place HTTP providers do I/O: JSON calls and SSE streams over the JDK HttpClient, with upstream
 * failures turned into the sealed error types. Plain http:// endpoints (local servers, the emulator) use
 * HTTP/1.1; https uses HTTP/2 where the server offers it.
 */
public final class HttpTransport {
    private static final int MAX_ERROR_BODY = 1 << 20;
    private static final String USER_AGENT = "switchboard/0.1";

    private final String provider;
    private final Supplier<HttpClient> factory;
    private volatile HttpClient client;
    private final ErrorMapper errors;

    public HttpTransport(String provider, HttpClient client, ErrorMapper errors) {
        this(provider, () -> client, errors);
    }

    private HttpTransport(String provider, Supplier<HttpClient> factory, ErrorMapper errors) {
        this.provider = provider;
        this.factory = factory;
        this.errors = errors;
    }

    /**
     * A client whose work after the socket is readable (parsing the answer, completing the caller's wait) runs on
     * its selector thread instead of being handed to a worker pool: every task it does there is short and
     * non-blocking (callers block in their own threads), and each hand-off costs a thread wake-up. Together with
     * {@code HttpClient.send}, which runs the exchange inline on the caller's thread up to the socket, this saves
     * four hand-offs per call (a worker to start it, a worker to parse the answer, the common pool to complete
     * it, a timer for the wait). See bench/NOTES.md for the measurements.
     */
    public static HttpTransport create(String provider, URI baseUrl, Duration connectTimeout, ErrorMapper errors) {
        boolean plain = baseUrl != null && "http".equalsIgnoreCase(baseUrl.getScheme());
        // built on first use: a client costs its TLS set-up and a selector thread, and a configured provider may
        // never be called (no key, not routed to); off the startup path, nothing to connect before a snapshot
        return new HttpTransport(
                provider,
                () -> HttpClient.newBuilder()
                        .connectTimeout(connectTimeout)
                        .version(plain ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .executor(Runnable::run)
                        .build(),
                errors);
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) client = c = factory.get();
            }
        }
        return c;
    }

    public String provider() {
        return provider;
    }

    /** Sends and returns a 2xx answer; any other status becomes the provider's mapped error. */
    public HttpReply send(HttpCall call) {
        HttpReply reply = exchange(call);
        if (!reply.ok()) throw errors.map(reply.status(), reply.headers(), reply.body());
        return reply;
    }

    /** Sends and returns whatever status came back; only transport failures throw. */
    public HttpReply exchange(HttpCall call) {
        HttpResponse<byte[]> response =
                call(request(call, "application/json"), HttpResponse.BodyHandlers.ofByteArray(), call.timeout());
        return new HttpReply(response.statusCode(), response.headers(), response.body());
    }

    /**
     * Sends and returns the body of a 2xx answer as a stream, for downloads too large to hold (batch results);
     * the caller closes it. An error status is mapped and thrown here.
     */
    public InputStream openBody(HttpCall call, String accept) {
        HttpResponse<InputStream> response =
                call(request(call, accept), HttpResponse.BodyHandlers.ofInputStream(), call.timeout());
        InputStream body = response.body();
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw errors.map(response.statusCode(), response.headers(), readError(body));
        }
        return body;
    }

    /**
     * Opens an SSE stream. Returns once the upstream answered 2xx (an error status is mapped and thrown here);
     * events are then decoded on a virtual thread and pulled by the caller.
     */
    public ChatStream openSse(HttpCall call, SseDecoder decoder, Duration idleTimeout) {
        HttpResponse<InputStream> response =
                call(request(call, "text/event-stream"), HttpResponse.BodyHandlers.ofInputStream(), call.timeout());
        InputStream body = response.body();
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw errors.map(response.statusCode(), response.headers(), readError(body));
        }
        PushChatStream stream = new PushChatStream(provider, idleTimeout);
        stream.onClose(() -> closeQuietly(body));
        Thread.ofVirtual().name("sse-" + provider).start(() -> pump(body, decoder, stream));
        return stream;
    }

    private void pump(InputStream body, SseDecoder decoder, PushChatStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            SseParser parser = new SseParser(event -> decoder.onEvent(event, stream::emit));
            String line;
            while (!stream.isClosed() && (line = reader.readLine()) != null) {
                parser.line(line);
            }
            if (stream.isClosed()) return;
            parser.end();
            decoder.onEnd(stream::emit);
            stream.complete();
        } catch (SwitchboardException e) {
            stream.fail(e);
        } catch (IOException e) {
            if (!stream.isClosed()) stream.fail(broken("the stream from provider '" + provider + "' broke off", e));
        } catch (RuntimeException e) {
            stream.fail(new UpstreamError(
                    ErrorInfo.of("unreadable stream from provider '" + provider + "': "
                                    + e.getClass().getSimpleName())
                            .withProvider(provider),
                    true,
                    e));
        }
    }

    private HttpRequest request(HttpCall call, String accept) {
        // no HttpRequest.timeout: it would end with the headers; CallDeadlines bounds the whole call instead
        HttpRequest.Builder b = HttpRequest.newBuilder(call.uri())
                .header("user-agent", USER_AGENT)
                .header("accept", accept);
        call.headers().forEach(b::setHeader);
        if (call.body() != null) {
            // JSON unless the call says otherwise (a multipart file upload)
            if (!call.headers().containsKey("content-type")) b.setHeader("content-type", "application/json");
            b.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        } else {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    /**
     * Sends on the calling thread and waits for the answer (for a streamed body: for its headers), within the
     * timeout; transport failures become the sealed error types.
     */
    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> body, Duration timeout) {
        CallDeadlines.Watch watch = CallDeadlines.watch(timeout);
        try (watch) {
            return client().send(request, body);
        } catch (InterruptedException e) {
            if (watch.expired()) throw timeout(timeout);
            Thread.currentThread().interrupt();
            throw new UpstreamError(
                    ErrorInfo.of("interrupted while calling provider '" + provider + "'")
                            .withProvider(provider),
                    false,
                    e);
        } catch (CancellationException e) {
            throw new UpstreamError(
                    ErrorInfo.of("call to provider '" + provider + "' was cancelled")
                            .withProvider(provider),
                    false,
                    e);
        } catch (IOException e) {
            // a watchdog interrupt that landed inside the client's own I/O shows up as an I/O failure
            if (watch.expired()) throw timeout(timeout);
            throw transportFailure(e);
        }
    }

    private SwitchboardException transportFailure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new Timeout(
                    ErrorInfo.of("connecting to provider '" + provider + "' timed out")
                            .withProvider(provider)
                            .withCode("connect_timeout"),
                    cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new Timeout(
                    ErrorInfo.of("provider '" + provider + "' did not answer in time")
                            .withProvider(provider),
                    cause);
        }
        if (cause instanceof ConnectException) {
            return new UpstreamError(
                    ErrorInfo.of("could not connect to provider '" + provider + "'")
                            .withProvider(provider)
                            .withCode("connection_failed"),
                    true,
                    cause);
        }
        return broken("the connection to provider '" + provider + "' failed", cause);
    }

    private Timeout timeout(Duration timeout) {
        return new Timeout(
                ErrorInfo.of("provider '" + provider + "' did not answer within " + timeout.toMillis() + " ms")
                        .withProvider(provider));
    }

    private UpstreamError broken(String what, Throwable cause) {
        String detail = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return new UpstreamError(
                ErrorInfo.of(what + detail).withProvider(provider).withCode("connection_failed"), true, cause);
    }

    private static byte[] readError(InputStream body) {
        try (body) {
            return body.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how we cancel; nothing to do if it fails
        }
    }
}
