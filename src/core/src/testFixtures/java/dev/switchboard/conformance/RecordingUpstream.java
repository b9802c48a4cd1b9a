package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server that answers every request with one canned response and remembers what it was sent:
 * the replay side of the conformance suites.
 */
public final class RecordingUpstream implements AutoCloseable {

    /** What the adapter sent. Header names are lower case. */
    public record Captured(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        public JsonNode json() {
            return Json.tryParse(body);
        }
    }

    private final HttpServer server;
    private final List<Captured> captured = new CopyOnWriteArrayList<>();

    public RecordingUpstream(int status, Map<String, String> headers, byte[] body) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, String> h = new TreeMap<>();
                exchange.getRequestHeaders()
                        .forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
                captured.add(new Captured(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().toString(),
                        h,
                        exchange.getRequestBody().readAllBytes()));
                headers.forEach((k, v) -> {
                    if (!k.equalsIgnoreCase("content-length") && !k.equalsIgnoreCase("transfer-encoding")) {
                        exchange.getResponseHeaders().add(k, v);
                    }
                });
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.start();
    }

    public static RecordingUpstream replaying(ConformanceCase c) {
        return new RecordingUpstream(c.status(), c.responseHeaders(), c.responseBytes());
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Captured> captured() {
        return captured;
    }

    public Captured last() {
        if (captured.isEmpty()) throw new AssertionError("the adapter sent no request");
        return captured.get(captured.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
