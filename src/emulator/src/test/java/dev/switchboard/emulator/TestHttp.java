package dev.switchboard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain JDK HttpClient pointed at an emulator, plus SSE parsing. */
public final class TestHttp {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** One server-sent event: its {@code event:} name (null if none) and its {@code data:} payload. */
    public record SseEvent(String event, String data) {
        public JsonNode json() {
            return TestHttp.json(data);
        }
    }

    private final URI base;
    private final HttpClient client;

    public TestHttp(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        return send(postRequest(path, body, headers).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> postBytes(String path, String body, String... headers) {
        return send(postRequest(path, body, headers).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<InputStream> postStream(String path, String body, String... headers) {
        return send(postRequest(path, body, headers).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = request(path).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest.Builder postRequest(String path, String body, String... headers) {
        HttpRequest.Builder b = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b;
    }

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #send} but returns the failure instead of throwing it. */
    public <T> Exception sendExpectingFailure(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpResponse<T> r = client.send(request, handler);
            throw new AssertionError("expected a failure, got HTTP " + r.statusCode() + ": " + r.body());
        } catch (IOException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits an SSE body (LF or CRLF framed) into events. */
    public static List<SseEvent> sse(String body) {
        List<SseEvent> events = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n\n")) {
            if (block.isBlank()) {
                continue;
            }
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
            events.add(new SseEvent(event, data.toString()));
        }
        return events;
    }
}
