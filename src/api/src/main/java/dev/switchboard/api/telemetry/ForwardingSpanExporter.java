package dev.switchboard.api.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** A span exporter in front of another: flush and shutdown go to the one behind; subclasses change the export. */
abstract class ForwardingSpanExporter implements SpanExporter {
    protected final SpanExporter behind;

    ForwardingSpanExporter(SpanExporter behind) {
        this.behind = behind;
    }

    @Override
    public CompletableResultCode flush() {
        return behind.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return behind.shutdown();
    }
}
