package dev.switchboard.api.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import org.junit.jupiter.api.Test;

/** Only the batch processor over the no-op exporter is taken out; one over a real exporter stays as it is. */
class NowhereExportRemovalTest {

    @Test
    void theBatchProcessorOverTheNoOpExporterIsTakenOut() {
        SpanProcessor nowhere =
                BatchSpanProcessor.builder(SpanExporter.composite()).build();
        SpanProcessor left = NowhereExportRemoval.withoutNowhere(nowhere);
        assertThat(left).isNotSameAs(nowhere).isNotInstanceOf(BatchSpanProcessor.class);
        assertThat(left.isEndRequired()).isFalse();
        assertThat(left.isStartRequired()).isFalse();
    }

    @Test
    void aBatchProcessorOverARealExporterStays() {
        SpanExporter real = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        SpanProcessor batches = BatchSpanProcessor.builder(real).build();
        assertThat(NowhereExportRemoval.withoutNowhere(batches)).isSameAs(batches);
        batches.shutdown();
    }
}
