package dev.switchboard.server.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP (protobuf) receiver on a loopback port: decodes every export with the OTLP protobuf classes and keeps
 * the spans and metrics, as a collector would receive them.
 */
final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<Metric> metrics = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpReceiver r = new OtlpReceiver(server);
            server.createContext("/v1/traces", r::traces);
            server.createContext("/v1/metrics", r::metrics);
            server.createContext("/v1/logs", ex -> answer(ex, new byte[0]));
            server.start();
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Every metric export received, in order (cumulative: the last point of a series is its total). */
    List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    /** Exports that could not be decoded: none, or the exporter speaks something other than OTLP protobuf. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private void traces(HttpExchange ex) throws IOException {
        receive(ex, "traces", bytes -> {
            ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(bytes);
            req.getResourceSpansList()
                    .forEach(rs -> rs.getScopeSpansList().forEach(ss -> spans.addAll(ss.getSpansList())));
            return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        });
    }

    private void metrics(HttpExchange ex) throws IOException {
        receive(ex, "metrics", bytes -> {
            ExportMetricsServiceRequest req = ExportMetricsServiceRequest.parseFrom(bytes);
            req.getResourceMetricsList()
                    .forEach(rm -> rm.getScopeMetricsList().forEach(sm -> metrics.addAll(sm.getMetricsList())));
            return ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
        });
    }

    /** Decodes one export and keeps what it holds; answers the OTLP response, or 400 for what does not decode. */
    private void receive(HttpExchange ex, String signal, Decoder decoder) throws IOException {
        byte[] response;
        try {
            response = decoder.decode(body(ex));
        } catch (IOException | RuntimeException e) {
            failures.add(signal + ": " + e);
            ex.sendResponseHeaders(400, -1);
            ex.close();
            return;
        }
        answer(ex, response);
    }

    @FunctionalInterface
    private interface Decoder {
        byte[] decode(byte[] body) throws IOException;
    }

    private static byte[] body(HttpExchange ex) throws IOException {
        boolean gzip = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("content-encoding"));
        try (InputStream in = gzip ? new GZIPInputStream(ex.getRequestBody()) : ex.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void answer(HttpExchange ex, byte[] body) throws IOException {
        ex.getResponseHeaders().set("content-type", "application/x-protobuf");
        ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
