package dev.switchboard.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal HTTP/1.1 client on a plain socket, for assertions about what arrives on the wire and in which
 * order: when the headers came, each chunk with its arrival time, and whether the chunked body was
 * terminated. (The JDK HttpClient discards chunks still queued when a connection fails, so it cannot
 * count the chunks of a cut stream reliably.)
 */
public final class RawHttp {

    public record Chunk(byte[] bytes, long arrivalNanos) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param terminated the zero-length chunk arrived (false: the connection closed first)
     */
    public record Exchange(
            int status, String headers, long sentNanos, long headersNanos, List<Chunk> chunks, boolean terminated) {
        public String body() {
            StringBuilder sb = new StringBuilder();
            chunks.forEach(c -> sb.append(c.text()));
            return sb.toString();
        }
    }

    private RawHttp() {}

    public static Exchange post(URI base, String path, String json) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            long sent = System.nanoTime();
            out.write(
                    ("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readUntilBlankLine(in);
            long headersAt = System.nanoTime();
            int status = Integer.parseInt(head.substring(9, 12));
            List<Chunk> chunks = new ArrayList<>();
            boolean terminated = false;
            try {
                while (true) {
                    String sizeLine = readLine(in);
                    if (sizeLine == null) {
                        break;
                    }
                    int size = Integer.parseInt(sizeLine.strip(), 16);
                    if (size == 0) {
                        terminated = true;
                        break;
                    }
                    byte[] data = in.readNBytes(size);
                    if (data.length < size) {
                        break;
                    }
                    chunks.add(new Chunk(data, System.nanoTime()));
                    readLine(in);
                }
            } catch (IOException e) {
                // connection dropped: what arrived so far is the answer
            }
            return new Exchange(status, head, sent, headersAt, chunks, terminated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readUntilBlankLine(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            head.append(line).append('\n');
        }
        return head.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }
}
