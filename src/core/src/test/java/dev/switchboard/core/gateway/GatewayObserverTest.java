package dev.switchboard.core.gateway;

import static dev.switchboard.core.gateway.RouterFixture.TWO_TRIES;
import static dev.switchboard.core.gateway.RouterFixture.ok;
import static dev.switchboard.core.gateway.RouterFixture.overloaded;
import static dev.switchboard.core.gateway.RouterFixture.request;
import static dev.switchboard.testing.ScriptedProvider.Step.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.routing.CircuitBreakerConfig;
import dev.switchboard.core.routing.RetryPolicy;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.telemetry.AttemptEnd;
import dev.switchboard.core.telemetry.AttemptObservation;
import dev.switchboard.core.telemetry.AttemptStart;
import dev.switchboard.core.telemetry.GatewayObserver;
import dev.switchboard.core.telemetry.RequestEnd;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the gateway tells its observer: every attempt started and finished once, request outcomes, circuit changes. */
class GatewayObserverTest {
    private final RouterFixture f = new RouterFixture();
    private final Recorder seen = new Recorder();

    private Gateway gateway(RetryPolicy retry, String... targets) {
        Route route = new Route(
                        "main",
                        java.util.Arrays.stream(targets).map(RouteTarget::of).toList())
                .withRetry(retry);
        return f.builder().route(route).observer(seen).build();
    }

    @Test
    void retriesAndFallbacksAreAttemptsOfTheirKindEachFinishedOnceWithTheTraceHeadersSentUpstream() {
        f.openai.then(fail(overloaded())).then(fail(overloaded())).then(ok("from b"));
        gateway(TWO_TRIES, "openai/a", "openai/b").chat(request("main"), f.ctx());

        assertThat(seen.starts)
                .extracting(AttemptStart::kind)
                .containsExactly(AttemptStart.Kind.FIRST, AttemptStart.Kind.RETRY, AttemptStart.Kind.FALLBACK);
        assertThat(seen.starts).extracting(AttemptStart::attempt).containsExactly(1, 2, 3);
        assertThat(seen.starts)
                .extracting(s -> s.target().toString())
                .containsExactly("openai/a", "openai/a", "openai/b");
        assertThat(seen.starts).extracting(AttemptStart::providerType).containsOnly("openai");
        assertThat(seen.ends).extracting(AttemptEnd::outcome).containsExactly("overloaded", "overloaded", "ok");
        AttemptEnd answered = seen.ends.get(2);
        assertThat(answered.usage().inputTokens()).isEqualTo(10L);
        assertThat(answered.costUsd()).isEqualByComparingTo("0.000010");
        assertThat(answered.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(answered.response().text()).isEqualTo("from b");
        assertThat(f.openai.options())
                .extracting(CallOptions::traceHeaders)
                .containsExactly(
                        Map.of("traceparent", "tp-1"), Map.of("traceparent", "tp-2"), Map.of("traceparent", "tp-3"));
        assertThat(seen.requests).containsExactly(new RequestEnd("main", false, "ok"));
    }

    @Test
    void aRequestNoTargetAnsweredEndsWithTheCallersErrorKind() {
        f.openai.then(fail(overloaded()));
        assertThatThrownBy(() -> gateway(RetryPolicy.NONE, "openai/a").chat(request("main"), f.ctx()))
                .isInstanceOf(Overloaded.class);
        assertThat(seen.ends).extracting(AttemptEnd::outcome).containsExactly("overloaded");
        assertThat(seen.requests).containsExactly(new RequestEnd("main", false, "overloaded"));
    }

    @Test
    void aStreamsAttemptEndsWhenTheStreamEndsWithItsUsageAndTimeToFirstToken() {
        f.openai.then(ok("streamed").after(Duration.ofMillis(40)));
        GatewayStream s = gateway(RetryPolicy.NONE, "openai/a").stream(request("main"), f.ctx());
        assertThat(seen.ends).as("open while streaming").isEmpty();
        assertThat(seen.requests).containsExactly(new RequestEnd("main", true, "ok"));
        for (StreamEvent e = s.next(); e != null; e = s.next()) {
            // drain
        }
        assertThat(seen.starts)
                .singleElement()
                .satisfies(st -> assertThat(st.stream()).isTrue());
        assertThat(seen.ends).singleElement().satisfies(end -> {
            assertThat(end.outcome()).isEqualTo("ok");
            assertThat(end.usage().outputTokens()).isEqualTo(2L);
            assertThat(end.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(end.ttftNanos()).isEqualTo(Duration.ofMillis(40).toNanos());
            assertThat(end.response())
                    .as("content of streams is never handed over")
                    .isNull();
        });
    }

    @Test
    void circuitChangesAreReported() {
        for (int i = 0; i < 3; i++) f.openai.then(fail(overloaded()));
        Route route = new Route("main", List.of(RouteTarget.of("openai/a"))).withRetry(RetryPolicy.NONE);
        Gateway g = f.builder()
                .route(route)
                .observer(seen)
                .circuitBreakers(
                        new CircuitBreakerConfig(true, 2, 1.0, 10, 10, Duration.ofSeconds(30), Duration.ofMinutes(5)))
                .build();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> g.chat(request("main"), f.ctx())).isInstanceOf(Overloaded.class);
        }
        assertThat(seen.circuits).containsExactly("openai/a closed->open");
    }

    private static final class Recorder implements GatewayObserver {
        final List<AttemptStart> starts = new CopyOnWriteArrayList<>();
        final List<AttemptEnd> ends = new CopyOnWriteArrayList<>();
        final List<RequestEnd> requests = new CopyOnWriteArrayList<>();
        final List<String> circuits = new CopyOnWriteArrayList<>();

        @Override
        public AttemptObservation attemptStarted(AttemptStart start) {
            starts.add(start);
            String traceparent = "tp-" + starts.size();
            return new AttemptObservation() {
                @Override
                public Map<String, String> traceHeaders() {
                    return Map.of("traceparent", traceparent);
                }

                @Override
                public void finished(AttemptEnd end) {
                    ends.add(end);
                }
            };
        }

        @Override
        public void requestFinished(RequestEnd end) {
            requests.add(end);
        }

        @Override
        public void circuitChanged(dev.switchboard.core.model.ModelRef target, String from, String to) {
            circuits.add(target + " " + from + "->" + to);
        }
    }
}
