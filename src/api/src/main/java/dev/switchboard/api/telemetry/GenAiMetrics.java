package dev.switchboard.api.telemetry;

import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/**
 * The instruments: the GenAI client metrics with the bucket boundaries the conventions advise, and Switchboard's
 * counters. Attributes stay low-cardinality: provider, model, route, outcome; never request or user ids. (Direct
 * {@code provider/model} names come from callers; the SDK's per-instrument cardinality limit bounds them.)
 */
final class GenAiMetrics {
    static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
    static final String TIME_TO_FIRST_TOKEN = "gen_ai.server.time_to_first_token";
    static final String REQUESTS = "switchboard.requests";
    static final String RETRIES = "switchboard.retries";
    static final String FALLBACKS = "switchboard.fallbacks";
    static final String CIRCUIT_CHANGES = "switchboard.circuit.changes";
    static final String COST = "switchboard.cost";
    static final String BATCH_LINES = "switchboard.batch.lines";

    final LongHistogram tokenUsage;
    final DoubleHistogram operationDuration;
    final DoubleHistogram timeToFirstToken;
    final LongCounter requests;
    final LongCounter retries;
    final LongCounter fallbacks;
    final LongCounter circuitChanges;
    final DoubleCounter cost;
    final LongCounter batchLines;

    GenAiMetrics(Meter meter) {
        tokenUsage = meter.histogramBuilder(TOKEN_USAGE)
                .ofLongs()
                .setUnit("{token}")
                .setDescription("Input and output tokens used per upstream attempt")
                .setExplicitBucketBoundariesAdvice(List.of(
                        1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L, 16777216L,
                        67108864L))
                .build();
        operationDuration = meter.histogramBuilder(OPERATION_DURATION)
                .setUnit("s")
                .setDescription("Duration of upstream GenAI attempts (streams: until the last event)")
                .setExplicitBucketBoundariesAdvice(
                        List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92))
                .build();
        timeToFirstToken = meter.histogramBuilder(TIME_TO_FIRST_TOKEN)
                .setUnit("s")
                .setDescription("Time to the first token of streamed attempts")
                .setExplicitBucketBoundariesAdvice(List.of(
                        0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0))
                .build();
        requests = meter.counterBuilder(REQUESTS)
                .setUnit("{request}")
                .setDescription("Requests through the gateway by route and outcome")
                .build();
        retries = meter.counterBuilder(RETRIES)
                .setUnit("{attempt}")
                .setDescription("Attempts that retried the same target")
                .build();
        fallbacks = meter.counterBuilder(FALLBACKS)
                .setUnit("{attempt}")
                .setDescription("Attempts that fell over to another target")
                .build();
        circuitChanges = meter.counterBuilder(CIRCUIT_CHANGES)
                .setUnit("{change}")
                .setDescription("Circuit breaker state changes by target and new state")
                .build();
        cost = meter.counterBuilder(COST)
                .ofDoubles()
                .setUnit("{USD}")
                .setDescription("Cost of upstream attempts in US dollars (priced attempts only)")
                .build();
        batchLines = meter.counterBuilder(BATCH_LINES)
                .setUnit("{line}")
                .setDescription("Batch lines collected by outcome")
                .build();
    }
}
