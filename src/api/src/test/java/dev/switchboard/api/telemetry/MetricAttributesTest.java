package dev.switchboard.api.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.telemetry.AttemptEnd;
import dev.switchboard.core.telemetry.AttemptStart;
import dev.switchboard.core.telemetry.RequestEnd;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The metric points' attribute sets are built once per (route, target, response model, outcome) and reused: each
 * reused set must still carry its own outcome, model and token type, and a full cache must change nothing.
 */
class MetricAttributesTest {
    private static final ModelRef TARGET = new ModelRef("fast", "bench-1");

    /** Collects what the SDK aggregated, as an exporter would see it at its next push. */
    private static final class Reader implements MetricReader {
        private CollectionRegistration registration;

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        Map<String, MetricData> collect() {
            return registration.collectAllMetrics().stream().collect(Collectors.toMap(MetricData::getName, m -> m));
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    private static AttemptStart start(String route, ModelRef target) {
        return new AttemptStart(
                route,
                target,
                "openai",
                1,
                AttemptStart.Kind.FIRST,
                false,
                ChatRequest.builder().model(target.toString()).build());
    }

    private static AttemptEnd ok(String responseModel) {
        return new AttemptEnd(
                "ok", responseModel, Usage.of(7, 3), FinishReason.STOP, new BigDecimal("0.001"), null, null);
    }

    private static Map<Attributes, HistogramPointData> histogram(Map<String, MetricData> metrics, String name) {
        return metrics.get(name).getHistogramData().getPoints().stream()
                .collect(Collectors.toMap(HistogramPointData::getAttributes, p -> p));
    }

    private static Attributes common(String route, String model) {
        return Attributes.builder()
                .put(GenAi.OPERATION, "chat")
                .put(GenAi.PROVIDER, "openai")
                .put(GenAi.REQUEST_MODEL, model)
                .put(GenAi.ROUTE, route)
                .build();
    }

    /** An observer recording metrics only (no tracer), read by {@code reader}. */
    private static OtelGatewayObserver metricsOnly(Reader reader) {
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setMeterProvider(
                        SdkMeterProvider.builder().registerMetricReader(reader).build())
                .build();
        return new OtelGatewayObserver(sdk, null, false);
    }

    @Test
    void reusedSetsKeepEachAttemptsOutcomeModelAndTokenType() {
        Reader reader = new Reader();
        OtelGatewayObserver observer = metricsOnly(reader);

        for (int i = 0; i < 3; i++) observer.attemptStarted(start("r1", TARGET)).finished(ok("bench-1-2026"));
        observer.attemptStarted(start("r1", TARGET)).finished(ok(null));
        observer.attemptStarted(start("r1", TARGET)).finished(AttemptEnd.failed("timeout"));
        observer.attemptStarted(start("r1", TARGET)).finished(AttemptEnd.failed("rate_limited"));
        observer.attemptStarted(start("r2", TARGET)).finished(ok("bench-1-2026"));
        observer.requestFinished(new RequestEnd("r1", false, "ok"));
        observer.requestFinished(new RequestEnd("r1", true, "ok"));
        observer.requestFinished(new RequestEnd("r1", false, "ok"));
        observer.requestFinished(new RequestEnd("r1", false, "timeout"));

        Map<String, MetricData> metrics = reader.collect();
        Attributes r1 = common("r1", "bench-1");
        Attributes answered =
                r1.toBuilder().put(GenAi.RESPONSE_MODEL, "bench-1-2026").build();
        Map<Attributes, HistogramPointData> duration = histogram(metrics, GenAiMetrics.OPERATION_DURATION);
        assertThat(duration)
                .containsOnlyKeys(
                        answered,
                        r1,
                        r1.toBuilder().put(GenAi.ERROR_TYPE, "timeout").build(),
                        r1.toBuilder().put(GenAi.ERROR_TYPE, "rate_limited").build(),
                        common("r2", "bench-1").toBuilder()
                                .put(GenAi.RESPONSE_MODEL, "bench-1-2026")
                                .build());
        assertThat(duration.get(answered).getCount()).isEqualTo(3);
        assertThat(duration.get(r1).getCount()).as("no response model named").isEqualTo(1);

        Map<Attributes, HistogramPointData> tokens = histogram(metrics, GenAiMetrics.TOKEN_USAGE);
        HistogramPointData input =
                tokens.get(answered.toBuilder().put(GenAi.TOKEN_TYPE, "input").build());
        HistogramPointData output =
                tokens.get(answered.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
        assertThat(input.getCount()).isEqualTo(3);
        assertThat(input.getSum()).isEqualTo(21);
        assertThat(output.getSum()).isEqualTo(9);
        assertThat(tokens).as("failed attempts reported no tokens").hasSize(6);

        Map<Attributes, Double> cost = metrics.get(GenAiMetrics.COST).getDoubleSumData().getPoints().stream()
                .collect(Collectors.toMap(p -> p.getAttributes(), p -> p.getValue()));
        assertThat(cost).containsOnlyKeys(r1, common("r2", "bench-1"));
        assertThat(cost.get(r1)).as("four priced attempts").isCloseTo(0.004, org.assertj.core.data.Offset.offset(1e-9));

        Map<Attributes, Long> requests = metrics.get(GenAiMetrics.REQUESTS).getLongSumData().getPoints().stream()
                .collect(Collectors.toMap(LongPointData::getAttributes, LongPointData::getValue));
        assertThat(requests)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        request("r1", "ok", false), 2L,
                        request("r1", "ok", true), 1L,
                        request("r1", "timeout", false), 1L));
    }

    private static Attributes request(String route, String outcome, boolean stream) {
        return Attributes.of(GenAi.ROUTE, route, GenAi.OUTCOME, outcome, GenAi.STREAM, stream);
    }

    @Test
    void theRequestCountLooksUpNoContextWhileTheAttemptsPointsLinkTheirSpan() {
        Reader reader = new Reader();
        OtelGatewayObserver observer = metricsOnly(reader);
        SpanContext sampled = SpanContext.create(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getSampled(),
                TraceState.getDefault());
        try (Scope ignored = Context.root().with(Span.wrap(sampled)).makeCurrent()) {
            observer.attemptStarted(start("r", TARGET)).finished(ok("bench-1"));
            observer.requestFinished(new RequestEnd("r", false, "ok"));
        }
        Map<String, MetricData> metrics = reader.collect();
        assertThat(metrics.get(GenAiMetrics.OPERATION_DURATION)
                        .getHistogramData()
                        .getPoints())
                .singleElement()
                .satisfies(p -> assertThat(p.getExemplars())
                        .as("the attempt's point names the trace it was recorded in")
                        .isNotEmpty()
                        .allSatisfy(
                                e -> assertThat(e.getSpanContext().getTraceId()).isEqualTo(sampled.getTraceId())));
        assertThat(metrics.get(GenAiMetrics.REQUESTS).getLongSumData().getPoints())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.getValue()).isEqualTo(1);
                    assertThat(p.getExemplars())
                            .as("recorded with the root context")
                            .isEmpty();
                });
    }

    @Test
    void aCachedSetIsTheSameSetAsOneBuiltFreshAndAFullCacheStillAnswersRight() {
        MetricAttributes cache = new MetricAttributes();
        MetricAttributes.Target t = cache.target("r", TARGET, "openai");
        assertThat(cache.target("r", TARGET, "openai")).isSameAs(t);
        assertThat(t.spanName).isEqualTo("chat bench-1");
        assertThat(t.routeProvider).isEqualTo(Attributes.of(GenAi.ROUTE, "r", GenAi.PROVIDER, "openai"));
        MetricAttributes.Points failed = t.points("m", "timeout");
        assertThat(t.points("m", "timeout")).isSameAs(failed);
        assertThat(failed.attempt().get(GenAi.ERROR_TYPE)).isEqualTo("timeout");
        assertThat(t.points("m", null).attempt().get(GenAi.ERROR_TYPE)).isNull();
        assertThat(t.points("m", "server_error").attempt().get(GenAi.ERROR_TYPE))
                .isEqualTo("server_error");

        // fill it: past the bound, sets are built per call, equal to what the cache would have held
        for (int i = 0; i < MetricAttributes.MAX_ENTRIES; i++) cache.target("r" + i, TARGET, "openai");
        MetricAttributes.Target late = cache.target("late", new ModelRef("p", "x"), "anthropic");
        assertThat(cache.target("late", new ModelRef("p", "x"), "anthropic"))
                .isNotSameAs(late)
                .satisfies(again -> assertThat(again.common).isEqualTo(late.common));
        MetricAttributes.Points p = late.points("x-1", null);
        assertThat(p.outputTokens())
                .isEqualTo(common("late", "x").toBuilder()
                        .put(GenAi.PROVIDER, "anthropic")
                        .put(GenAi.RESPONSE_MODEL, "x-1")
                        .put(GenAi.TOKEN_TYPE, "output")
                        .build());
        assertThat(cache.request("late", "ok", true)).isEqualTo(request("late", "ok", true));
        assertThat(t.points("m", "timeout")).as("what was cached stays").isSameAs(failed);
    }

    @Test
    void finishReasonsAreOneElementLists() {
        for (FinishReason r : FinishReason.values()) {
            assertThat(MetricAttributes.finishReasons(r)).containsExactly(r.wireName());
        }
    }
}
