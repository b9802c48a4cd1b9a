package dev.switchboard.core.gateway;

import static dev.switchboard.core.gateway.RouterFixture.TWO_TRIES;
import static dev.switchboard.core.gateway.RouterFixture.ok;
import static dev.switchboard.core.gateway.RouterFixture.overloaded;
import static dev.switchboard.core.gateway.RouterFixture.request;
import static dev.switchboard.testing.ScriptedProvider.Step.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.error.AllTargetsFailed;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.routing.RetryPolicy;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.core.routing.RouteTimeouts;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.testing.ScriptedProvider.Step;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streams fall over only until their first event reaches the caller; after that an error ends the stream. */
class GatewayStreamRoutingTest {
    private final RouterFixture f = new RouterFixture();

    private Gateway gateway(RetryPolicy retry, RouteTimeouts timeouts) {
        return f.builder()
                .route(new Route("main", List.of(RouteTarget.of("openai/a"), RouteTarget.of("openai/b")))
                        .withRetry(retry)
                        .withTimeouts(timeouts))
                .build();
    }

    private static String drain(GatewayStream s) {
        StringBuilder text = new StringBuilder();
        for (StreamEvent e = s.next(); e != null; e = s.next()) {
            if (e instanceof StreamEvent.TextDelta t) text.append(t.text());
        }
        s.close();
        return text.toString();
    }

    @Test
    void aStreamTheUpstreamRefusesFallsOverAndEachAttemptIsRecordedOnce() {
        f.openai.then(fail(overloaded())).then(ok("from b"));
        GatewayStream s = gateway(RetryPolicy.NONE, null).stream(request("main"), f.ctx());
        assertThat(s.info().target().toString()).isEqualTo("openai/b");
        assertThat(s.info().attempts()).isEqualTo(2);
        assertThat(f.records)
                .as("the failure is recorded at once")
                .singleElement()
                .extracting(CostRecord::outcome)
                .isEqualTo("overloaded");
        assertThat(drain(s)).isEqualTo("from b");
        assertThat(f.records).extracting(CostRecord::attempt).containsExactly(1, 2);
        assertThat(f.records).extracting(CostRecord::outcome).containsExactly("overloaded", "ok");
        assertThat(f.records).allSatisfy(r -> assertThat(r.stream()).isTrue());
        assertThat(f.records.get(1).outputTokens()).isEqualTo(2);
    }

    @Test
    void aStreamBrokenBeforeItsFirstEventFallsOverAndIsClosed() {
        f.openai
                .then(Step.failBeforeFirstEvent(new UpstreamError(ErrorInfo.of("reset"), true)))
                .then(ok("from b"));
        GatewayStream s = gateway(RetryPolicy.NONE, null).stream(request("main"), f.ctx());
        assertThat(drain(s)).isEqualTo("from b");
        assertThat(f.openai.openStreams()).isZero();
        assertThat(f.records).extracting(CostRecord::outcome).containsExactly("upstream_error", "ok");
    }

    @Test
    void theFirstTokenTimeoutCountsFromTheAttemptsStartAndFallsOver() {
        f.openai.then(Step.stall().after(Duration.ofMillis(500))).then(ok("from b"));
        GatewayStream s = gateway(RetryPolicy.NONE, new RouteTimeouts(null, Duration.ofSeconds(2), null)).stream(
                request("main"), f.ctx());
        assertThat(f.openai.firstReadTimeouts()).containsExactly(Duration.ofMillis(1500), Duration.ofSeconds(2));
        assertThat(s.info().target().toString()).isEqualTo("openai/b");
        assertThat(s.info().upstreamNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
        drain(s);
        assertThat(f.records).extracting(CostRecord::outcome).containsExactly("timeout", "ok");
        assertThat(f.records.get(0).latencyMs()).isEqualTo(2000L);
        assertThat(f.openai.openStreams()).isZero();
    }

    @Test
    void aStreamWaitsForItsResponseHeadersNoLongerThanTheFirstTokenLimit() {
        // regression: an upstream that never sent headers held a stream for the whole attempt limit
        f.openai.then(ok("hi"));
        drain(gateway(RetryPolicy.NONE, new RouteTimeouts(Duration.ofSeconds(7), Duration.ofSeconds(3), null)).stream(
                request("main"), f.ctx()));
        assertThat(f.openai.options())
                .singleElement()
                .extracting(CallOptions::timeout)
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aStreamIsRetriedOnTheSameTargetBeforeItsFirstEvent() {
        f.openai.then(Step.stall()).then(ok("second try"));
        GatewayStream s = gateway(TWO_TRIES, new RouteTimeouts(null, Duration.ofSeconds(1), null)).stream(
                request("main"), f.ctx());
        assertThat(s.info().target().toString()).isEqualTo("openai/a");
        assertThat(drain(s)).isEqualTo("second try");
        assertThat(f.time.sleeps()).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void afterTheFirstEventAnErrorEndsTheStreamWithTheUsageSoFarAndDoesNotFallOver() {
        f.openai.then(Step.breakAfter(
                new UpstreamError(ErrorInfo.of("cut"), true),
                new StreamEvent.Started("x", "m"),
                new StreamEvent.UsageReported(Usage.of(9, 0)),
                new StreamEvent.TextDelta("par")));
        GatewayStream s = gateway(TWO_TRIES, null).stream(request("main"), f.ctx());
        StringBuilder seen = new StringBuilder();
        assertThatThrownBy(() -> {
                    for (StreamEvent e = s.next(); e != null; e = s.next()) {
                        if (e instanceof StreamEvent.TextDelta t) seen.append(t.text());
                    }
                })
                .isInstanceOf(UpstreamError.class);
        s.close();
        assertThat(seen.toString()).isEqualTo("par");
        assertThat(f.openai.calls())
                .extracting(ChatRequest::model)
                .as("no second call")
                .containsExactly("a");
        assertThat(f.records).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("upstream_error");
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.inputTokens()).isEqualTo(9);
            assertThat(r.costUsd()).isEqualByComparingTo("0.000009");
        });
    }

    @Test
    void aStreamNoTargetCouldOpenLeavesNothingOpen() {
        f.openai.then(Step.stall()).then(Step.failBeforeFirstEvent(overloaded()));
        assertThatThrownBy(() -> gateway(RetryPolicy.NONE, new RouteTimeouts(null, Duration.ofSeconds(1), null)).stream(
                        request("main"), f.ctx()))
                .isInstanceOfSatisfying(
                        AllTargetsFailed.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo(
                                        "All targets of route 'main' failed: openai/a (timeout), openai/b (overloaded 503)"));
        assertThat(f.openai.openStreams()).isZero();
        assertThat(f.records).extracting(CostRecord::attempt).containsExactly(1, 2);
    }

    @Test
    void aStreamRecordsItsTimeToFirstTokenFromItsOwnAttempt() {
        f.openai.then(fail(overloaded()).after(Duration.ofMillis(700))).then(ok("b").after(Duration.ofMillis(40)));
        GatewayStream s = gateway(RetryPolicy.NONE, null).stream(request("main"), f.ctx());
        drain(s);
        assertThat(f.records.get(1).ttftMs()).isEqualTo(40);
        assertThat(s.info().upstreamNanos()).isEqualTo(Duration.ofMillis(740).toNanos());
    }
}
