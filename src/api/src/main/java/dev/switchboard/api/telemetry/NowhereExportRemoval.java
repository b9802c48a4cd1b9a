package dev.switchboard.api.telemetry;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.opentelemetry.runtime.AutoConfiguredOpenTelemetrySdkBuilderCustomizer;
import jakarta.inject.Singleton;

/**
 * Takes out the span processor that exports nowhere. Quarkus asks OpenTelemetry's autoconfiguration for its {@code
 * cdi} traces exporter, which is the composite of the application's {@code SpanExporter} beans — none here: Quarkus's
 * OTLP exporter lives in its own {@code LateBoundSpanProcessor}. Autoconfiguration still wraps that empty composite,
 * the no-op exporter, in a batch span processor of its own, so every ended span was offered to a second queue,
 * turned into span data by a second worker thread and kept until that batch filled, to be thrown away (bench/NOTES.md
 * §17). This customizer replaces that processor, and only that one, by no processor; a batch processor over any real
 * exporter stays.
 */
@Singleton
public class NowhereExportRemoval implements AutoConfiguredOpenTelemetrySdkBuilderCustomizer {
    @Override
    public void customize(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addSpanProcessorCustomizer((processor, config) -> withoutNowhere(processor));
    }

    /** {@code processor}, or no processor when it is a batch processor over the no-op exporter (then shut down). */
    static SpanProcessor withoutNowhere(SpanProcessor processor) {
        if (processor instanceof BatchSpanProcessor batches && batches.getSpanExporter() == SpanExporter.composite()) {
            batches.shutdown(); // its worker thread stops
            return SpanProcessor.composite();
        }
        return processor;
    }
}
