package dev.switchboard.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Low-level response writing on the JDK server. */
public final class ResponseWriter {

    private ResponseWriter() {}

    public static void send(HttpExchange ex, HttpReply reply) throws IOException {
        headers(ex, reply.contentType(), reply.headers());
        byte[] body = reply.body();
        ex.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Announces the full length, sends the first half and drops the connection: a truncated body. */
    public static void sendHalfAndAbort(HttpExchange ex, HttpReply reply) throws IOException {
        headers(ex, reply.contentType(), reply.headers());
        byte[] body = reply.body();
        ex.sendResponseHeaders(reply.status(), body.length);
        OutputStream out = ex.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        throw new AbortConnection("cut: half of the body sent");
    }

    /** Sends status and headers of a chunked response and pushes them to the client at once. */
    public static OutputStream startChunked(HttpExchange ex, String contentType, Map<String, String> headers)
            throws IOException {
        headers(ex, contentType, headers);
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.flush();
        return out;
    }

    private static void headers(HttpExchange ex, String contentType, Map<String, String> headers) {
        ex.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    }
}
