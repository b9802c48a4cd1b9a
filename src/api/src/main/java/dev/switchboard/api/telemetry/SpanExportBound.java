package dev.switchboard.api.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.RemoveableLateBoundSpanProcessor;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Puts {@link BoundedSpanExport} in front of Quarkus's OTLP span exporter at startup, so that dropped spans are
 * counted. Quarkus builds its batch span processor without a meter provider (the SDK's own drop counter then goes
 * nowhere) and offers no hook to wrap it, so the processor inside Quarkus's {@code LateBoundSpanProcessor} is replaced
 * (one reflective field write) by an equal one — same exporter, same {@code quarkus.otel.bsp.*} settings — behind
 * the bound. Should a Quarkus upgrade change that class, this logs a warning and leaves Quarkus's processor as it
 * is (spans still bounded by its queue, drops not counted); {@code TelemetryDropTest} fails in that case. Unless
 * {@value #MEMORY_MODE} says {@code immutable_data}, the replacement is {@link EncodedSpanExport}, which encodes each
 * span when it ends and sends through the sender inside Quarkus's exporter.
 */
@Singleton
public class SpanExportBound {
    /** The OpenTelemetry SDK's key (env OTEL_JAVA_EXPORTER_MEMORY_MODE); Quarkus's own exporters ignore it. */
    static final String MEMORY_MODE = "quarkus.otel.java.exporter.memory_mode";

    private static final Logger LOG = Logger.getLogger(SpanExportBound.class);

    void install(
            @Observes StartupEvent start,
            OpenTelemetry otel,
            @Any Instance<SpanProcessor> processors,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled,
            @ConfigProperty(name = "quarkus.otel.bsp.schedule.delay", defaultValue = "5s") Duration delay,
            @ConfigProperty(name = "quarkus.otel.bsp.max.queue.size", defaultValue = "2048") int queue,
            @ConfigProperty(name = "quarkus.otel.bsp.max.export.batch.size", defaultValue = "512") int batch,
            @ConfigProperty(name = "quarkus.otel.bsp.export.timeout", defaultValue = "30s") Duration timeout,
            @ConfigProperty(name = MEMORY_MODE, defaultValue = "reusable_data") String memoryMode) {
        if (sdkDisabled) return;
        LongCounter dropped = BoundedSpanExport.droppedCounter(otel.getMeter(OtelGatewayObserver.SCOPE));
        for (SpanProcessor p : processors) {
            if (!(p instanceof LateBoundSpanProcessor late) || p instanceof RemoveableLateBoundSpanProcessor) continue;
            try {
                Field field = LateBoundSpanProcessor.class.getDeclaredField("delegate");
                field.setAccessible(true);
                if (!(field.get(late) instanceof BatchSpanProcessor quarkus)) continue;
                SpanExporter exporter = quarkus.getSpanExporter();
                SpanProcessor encoded = encoded(exporter, memoryMode, queue, batch, delay, timeout, dropped);
                if (encoded == null) {
                    AtomicInteger waiting = new AtomicInteger();
                    BatchSpanProcessor batches = BatchSpanProcessor.builder(
                                    BoundedSpanExport.counting(exporter, waiting, dropped))
                            .setScheduleDelay(delay)
                            .setMaxQueueSize(queue)
                            .setMaxExportBatchSize(Math.min(batch, queue))
                            .setExporterTimeout(timeout)
                            .build();
                    encoded = new BoundedSpanExport(batches, queue, waiting, dropped);
                }
                // Quarkus's processor is not shut down: that would shut the exporter we keep using; its idle worker
                // thread still exports whatever reached it before this line.
                field.set(late, encoded);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warnf(
                        "Span export: dropped spans are not counted (%s); spans stay bounded by quarkus.otel.bsp.max.queue.size",
                        e.toString());
            }
        }
    }

    /**
     * The processor that encodes spans as they end ({@link EncodedSpanExport}), unless {@value #MEMORY_MODE} is
     * immutable_data or the exporter is not one of Quarkus's it knows: null then, and the SDK's batch processor is
     * kept over Quarkus's exporter as it is.
     */
    private static SpanProcessor encoded(
            SpanExporter quarkus,
            String memoryMode,
            int queue,
            int batch,
            Duration delay,
            Duration timeout,
            LongCounter dropped) {
        if (!"reusable_data".equalsIgnoreCase(memoryMode.trim())) return null;
        try {
            SpanProcessor encoded = EncodedSpanExport.over(quarkus, queue, batch, delay, timeout, dropped);
            if (encoded != null) return encoded;
            LOG.debugf("Span export: %s kept as it is (not a known Quarkus OTLP exporter)", quarkus.getClass());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debugf("Span export: %s kept as it is (%s)", quarkus.getClass(), e);
        }
        return null;
    }
}
