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

/**
 * The gateway's observer on the OpenTelemetry API: one CLIENT span per upstream attempt, named and attributed per the
 * GenAI conventions ({@code chat {model}}), child of whatever span is current where the attempt starts (the server
 * span of the request), and the GenAI metrics. Never records prompts or completions unless {@code captureContent}.
 */
final class OtelGatewayObserver implements GatewayObserver {
    static final String SCOPE = "dev.switchboard.gateway";

    private final Tracer tracer;
    private final GenAiMetrics metrics;
    private final boolean captureContent;

    /** @param tracer null when spans are exported nowhere (Prometheus only): metrics alone, no span is made */
    OtelGatewayObserver(OpenTelemetry otel, Tracer tracer, boolean captureContent) {
        this.tracer = tracer;
        this.metrics = new GenAiMetrics(otel.getMeter(SCOPE));
        this.captureContent = captureContent;
    }

    @Override
    public AttemptObservation attemptStarted(AttemptStart s) {
        String model = s.target().model();
        String provider = GenAi.providerName(s.providerType());
        java.time.Instant startedAt = java.time.Instant.now();
        Span span = tracer == null ? Span.getInvalid() : span(s, model, provider, startedAt);

        if (s.kind() != AttemptStart.Kind.FIRST) {
            Attributes route = Attributes.of(GenAi.ROUTE, s.route(), GenAi.PROVIDER, provider);
            (s.kind() == AttemptStart.Kind.RETRY ? metrics.retries : metrics.fallbacks).add(1, route);
        }
        Attributes common = Attributes.of(
                GenAi.OPERATION,
                GenAi.CHAT,
                GenAi.PROVIDER,
                provider,
                GenAi.REQUEST_MODEL,
                model,
                GenAi.ROUTE,
                s.route());
        return new OtelAttempt(
                span,
                common,
                metrics,
                captureContent,
                startedAt.getEpochSecond() * 1_000_000_000L + startedAt.getNano());
    }

    private Span span(AttemptStart s, String model, String provider, java.time.Instant startedAt) {
        SpanBuilder b = tracer.spanBuilder(GenAi.CHAT + " " + model)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(GenAi.OPERATION, GenAi.CHAT)
                .setAttribute(GenAi.PROVIDER, provider)
                .setAttribute(GenAi.REQUEST_MODEL, model)
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
        Span span = b.setStartTimestamp(startedAt).startSpan();
        if (captureContent && span.isRecording()) span.setAttribute(GenAi.INPUT_MESSAGES, ContentCapture.input(r));
        return span;
    }

    @Override
    public void requestFinished(RequestEnd end) {
        metrics.requests.add(
                1, Attributes.of(GenAi.ROUTE, end.route(), GenAi.OUTCOME, end.outcome(), GenAi.STREAM, end.stream()));
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

    /** Ends the attempt's span and records its metric points; the {@code common} attributes are shared by both. */
    private static final class OtelAttempt implements AttemptObservation {
        private final Span span;
        private final Attributes common;
        private final GenAiMetrics metrics;
        private final boolean captureContent;
        private final long startNanos = System.nanoTime();
        private final long startEpochNanos;

        OtelAttempt(Span span, Attributes common, GenAiMetrics metrics, boolean captureContent, long startEpochNanos) {
            this.startEpochNanos = startEpochNanos;
            this.span = span;
            this.common = common;
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
            AttributesBuilder points = common.toBuilder();
            if (e.responseModel() != null) {
                span.setAttribute(GenAi.RESPONSE_MODEL, e.responseModel());
                points.put(GenAi.RESPONSE_MODEL, e.responseModel());
            }
            span.setAttribute(GenAi.OUTCOME, e.outcome());
            if (!e.ok()) {
                span.setAttribute(GenAi.ERROR_TYPE, e.outcome());
                span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, e.outcome());
                points.put(GenAi.ERROR_TYPE, e.outcome());
            }
            if (e.usage().inputTokens() != null)
                span.setAttribute(GenAi.INPUT_TOKENS, e.usage().inputTokens());
            if (e.usage().outputTokens() != null)
                span.setAttribute(GenAi.OUTPUT_TOKENS, e.usage().outputTokens());
            if (e.finishReason() != null)
                span.setAttribute(
                        GenAi.FINISH_REASONS, java.util.List.of(e.finishReason().wireName()));
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
            if (captureContent && e.response() != null && span.isRecording()) {
                span.setAttribute(GenAi.OUTPUT_MESSAGES, ContentCapture.output(e.response()));
            }
            span.end();

            Attributes attrs = points.build();
            metrics.operationDuration.record(seconds, attrs);
            if (e.usage().inputTokens() != null) {
                metrics.tokenUsage.record(
                        e.usage().inputTokens(),
                        attrs.toBuilder().put(GenAi.TOKEN_TYPE, "input").build());
            }
            if (e.usage().outputTokens() != null) {
                metrics.tokenUsage.record(
                        e.usage().outputTokens(),
                        attrs.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
            }
            if (e.ttftNanos() != null) metrics.timeToFirstToken.record(e.ttftNanos() / 1e9, attrs);
            if (e.costUsd() != null) metrics.cost.add(e.costUsd().doubleValue(), common);
        }
    }
}
