package dev.switchboard.api.telemetry;

import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.telemetry.AttemptEnd;
import dev.switchboard.core.telemetry.AttemptObservation;
import dev.switchboard.core.telemetry.AttemptStart;
import dev.switchboard.core.telemetry.GatewayObserver;
import dev.switchboard.core.telemetry.RequestEnd;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The gateway's observer on the OpenTelemetry API: one CLIENT span per upstream attempt, named and attributed per the
 * GenAI conventions ({@code chat {model}}), child of whatever span is current where the attempt starts (the server
 * span of the request), and the GenAI metrics. Never records prompts or completions unless {@code captureContent}.
 */
final class OtelGatewayObserver implements GatewayObserver {
    static final String SCOPE = "dev.switchboard.gateway";

    private final Tracer tracer;
    private final GenAiMetrics metrics;
    private final MetricAttributes attributes = new MetricAttributes();
    private final boolean captureContent;

    /** @param tracer null when spans are exported nowhere (Prometheus only): metrics alone, no span is made */
    OtelGatewayObserver(OpenTelemetry otel, Tracer tracer, boolean captureContent) {
        this.tracer = tracer;
        this.metrics = new GenAiMetrics(otel.getMeter(SCOPE));
        this.captureContent = captureContent;
    }

    @Override
    public AttemptObservation attemptStarted(AttemptStart s) {
        String provider = GenAi.providerName(s.providerType());
        MetricAttributes.Target target = attributes.target(s.route(), s.target(), provider);
        long startEpochNanos = tracer == null ? 0 : epochNanos();
        // one lookup of the current context (a Vert.x local) per attempt instead of one per metric point; the points
        // are recorded in the attempt span's context, so their exemplars name the attempt
        Context parent = Context.current();
        Span span = tracer == null ? Span.getInvalid() : span(s, target, parent, startEpochNanos);
        Context context = tracer == null ? parent : parent.with(span);

        if (s.kind() != AttemptStart.Kind.FIRST) {
            (s.kind() == AttemptStart.Kind.RETRY ? metrics.retries : metrics.fallbacks)
                    .add(1, target.routeProvider, context);
        }
        return new OtelAttempt(span, context, target, metrics, captureContent, startEpochNanos);
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private Span span(AttemptStart s, MetricAttributes.Target target, Context parent, long startEpochNanos) {
        SpanBuilder b = tracer.spanBuilder(target.spanName)
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(GenAi.OPERATION, GenAi.CHAT)
                .setAttribute(GenAi.PROVIDER, target.provider)
                .setAttribute(GenAi.REQUEST_MODEL, s.target().model())
                .setAttribute(GenAi.PROVIDER_ID, s.target().provider())
                .setAttribute(GenAi.ROUTE, s.route())
                .setAttribute(GenAi.ATTEMPT, (long) s.attempt())
                .setAttribute(GenAi.ATTEMPT_KIND, GenAi.kind(s.kind()))
                .setAttribute(GenAi.STREAM, s.stream());
        var r = s.request();
        if (r.maxTokens() != null)
            b.setAttribute(GenAi.MAX_TOKENS, r.maxTokens().longValue());
        if (r.temperature() != null) b.setAttribute(GenAi.TEMPERATURE, r.temperature());
        if (r.topP() != null) b.setAttribute(GenAi.TOP_P, r.topP());
        Span span = b.setStartTimestamp(startEpochNanos, java.util.concurrent.TimeUnit.NANOSECONDS)
                .startSpan();
        if (captureContent && span.isRecording()) span.setAttribute(GenAi.INPUT_MESSAGES, ContentCapture.input(r));
        return span;
    }

    @Override
    public void requestFinished(RequestEnd end) {
        // recorded without the current context: a Vert.x-local lookup (~0.7 µs on a virtual thread, bench/NOTES.md
        // §13) saved per request; the count needs no exemplar, the attempt's gen_ai.* points carry the trace link
        metrics.requests.add(1, attributes.request(end.route(), end.outcome(), end.stream()), Context.root());
    }

    @Override
    public void circuitChanged(ModelRef target, String from, String to) {
        metrics.circuitChanges.add(1, Attributes.of(GenAi.TARGET, target.toString(), GenAi.CIRCUIT_STATE, to));
    }

    @Override
    public void batchLines(String provider, String model, String outcome, long count) {
        AttributesBuilder a = Attributes.builder().put(GenAi.OUTCOME, outcome);
        if (provider != null) a.put(GenAi.PROVIDER_ID, provider);
        if (model != null) a.put(GenAi.REQUEST_MODEL, model);
        metrics.batchLines.add(count, a.build());
    }

    /** Ends the attempt's span and records its metric points, with the attribute sets its target caches. */
    private static final class OtelAttempt implements AttemptObservation {
        private final Span span;
        private final Context context;
        private final MetricAttributes.Target target;
        private final GenAiMetrics metrics;
        private final boolean captureContent;
        private final long startNanos = System.nanoTime();
        private final long startEpochNanos;

        OtelAttempt(
                Span span,
                Context context,
                MetricAttributes.Target target,
                GenAiMetrics metrics,
                boolean captureContent,
                long startEpochNanos) {
            this.startEpochNanos = startEpochNanos;
            this.span = span;
            this.context = context;
            this.target = target;
            this.metrics = metrics;
            this.captureContent = captureContent;
        }

        @Override
        public java.util.Map<String, String> traceHeaders() {
            return TraceHeaders.of(span);
        }

        @Override
        public void finished(AttemptEnd e) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            if (span.isRecording()) endSpan(e);
            MetricAttributes.Points points = target.points(e.responseModel(), e.ok() ? null : e.outcome());
            metrics.operationDuration.record(seconds, points.attempt(), context);
            if (e.usage().inputTokens() != null) {
                metrics.tokenUsage.record(e.usage().inputTokens(), points.inputTokens(), context);
            }
            if (e.usage().outputTokens() != null) {
                metrics.tokenUsage.record(e.usage().outputTokens(), points.outputTokens(), context);
            }
            if (e.ttftNanos() != null) {
                metrics.timeToFirstToken.record(e.ttftNanos() / 1e9, points.attempt(), context);
            }
            if (e.costUsd() != null) metrics.cost.add(e.costUsd().doubleValue(), target.common, context);
        }

        private void endSpan(AttemptEnd e) {
            if (e.responseModel() != null) span.setAttribute(GenAi.RESPONSE_MODEL, e.responseModel());
            span.setAttribute(GenAi.OUTCOME, e.outcome());
            if (!e.ok()) {
                span.setAttribute(GenAi.ERROR_TYPE, e.outcome());
                span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, e.outcome());
            }
            if (e.usage().inputTokens() != null)
                span.setAttribute(GenAi.INPUT_TOKENS, e.usage().inputTokens());
            if (e.usage().outputTokens() != null)
                span.setAttribute(GenAi.OUTPUT_TOKENS, e.usage().outputTokens());
            if (e.finishReason() != null)
                span.setAttribute(GenAi.FINISH_REASONS, MetricAttributes.finishReasons(e.finishReason()));
            if (e.costUsd() != null)
                span.setAttribute(GenAi.COST_USD, e.costUsd().doubleValue());
            if (e.ttftNanos() != null) {
                span.setAttribute(GenAi.TTFT_MS, e.ttftNanos() / 1_000_000);
                span.addEvent(
                        GenAi.FIRST_TOKEN_EVENT,
                        Attributes.empty(),
                        startEpochNanos + e.ttftNanos(),
                        java.util.concurrent.TimeUnit.NANOSECONDS);
            }
            if (captureContent && e.response() != null) {
                span.setAttribute(GenAi.OUTPUT_MESSAGES, ContentCapture.output(e.response()));
            }
            span.end();
        }
    }
}
