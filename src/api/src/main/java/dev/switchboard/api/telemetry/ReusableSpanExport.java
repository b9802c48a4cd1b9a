package dev.switchboard.api.telemetry;

import io.opentelemetry.exporter.internal.grpc.GrpcExporter;
import io.opentelemetry.exporter.internal.http.HttpExporter;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.traces.SpanReusableDataMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * Quarkus's OTLP span exporter encoding with a low-allocation encoder instead of a tree of marshaler objects built
 * per span, attribute and value for every batch (Quarkus's Vert.x exporters ignore
 * {@code otel.java.exporter.memory_mode=reusable_data}, which the SDK's own OTLP exporters honour): {@link
 * SpanProtobuf} writes the request in one pass on the batch processor's thread; a batch it cannot write (an
 * attribute type it does not know) goes through OpenTelemetry's pooled reusable marshalers. Same protobuf on the
 * wire, same Vert.x sender (endpoint, headers, TLS, compression, retries, timeout).
 */
final class ReusableSpanExport {
    private static final Logger LOG = Logger.getLogger(ReusableSpanExport.class);

    private ReusableSpanExport() {}

    /**
     * {@code exporter} exporting through the low-allocation encoders, or null when it is not one of Quarkus's Vert.x
     * OTLP exporters as this version knows them (then it stays as it is).
     */
    static SpanExporter wrap(SpanExporter exporter) throws ReflectiveOperationException {
        BiFunction<Marshaler, Integer, CompletableResultCode> send = sender(exporter);
        if (send == null) return null;
        SpanReusableDataMarshaler marshalers = new SpanReusableDataMarshaler(MemoryMode.REUSABLE_DATA, send);
        // an encoder's buffer is the request body until its export completes (retries included); the batch
        // processor waits for one export before the next, so the pool holds one encoder, two after a timed-out wait
        Deque<SpanProtobuf> encoders = new ConcurrentLinkedDeque<>();
        return new ForwardingSpanExporter(exporter) {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                SpanProtobuf encoder = encoders.poll();
                if (encoder == null) encoder = new SpanProtobuf();
                Marshaler request;
                try {
                    request = encoder.encode(spans);
                } catch (RuntimeException e) {
                    encoders.push(encoder);
                    LOG.debugf("Span export: batch encoded by OpenTelemetry's marshalers (%s)", e);
                    return marshalers.export(spans);
                }
                SpanProtobuf sent = encoder;
                CompletableResultCode result = send.apply(request, spans.size());
                result.whenComplete(() -> encoders.push(sent));
                return result;
            }
        };
    }

    /** The HTTP or gRPC exporter inside Quarkus's span exporter (its field {@code delegate}); it takes any marshaler. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static BiFunction<Marshaler, Integer, CompletableResultCode> sender(SpanExporter exporter)
            throws ReflectiveOperationException {
        if (!exporter.getClass().getName().startsWith("io.quarkus.opentelemetry.runtime.exporter.otlp.")) return null;
        Field field = exporter.getClass().getDeclaredField("delegate");
        field.setAccessible(true);
        Object delegate = field.get(exporter);
        if (delegate instanceof HttpExporter http) return (m, n) -> http.export(m, n);
        if (delegate instanceof GrpcExporter grpc) return (m, n) -> grpc.export(m, n);
        return null;
    }
}
