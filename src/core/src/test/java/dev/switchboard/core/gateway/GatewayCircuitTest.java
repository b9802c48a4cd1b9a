package dev.switchboard.core.gateway;

import static dev.switchboard.core.gateway.RouterFixture.invalid;
import static dev.switchboard.core.gateway.RouterFixture.ok;
import static dev.switchboard.core.gateway.RouterFixture.overloaded;
import static dev.switchboard.core.gateway.RouterFixture.request;
import static dev.switchboard.testing.ScriptedProvider.Step.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.error.AllTargetsFailed;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.routing.CircuitBreakerConfig;
import dev.switchboard.core.routing.CircuitState;
import dev.switchboard.core.routing.RetryPolicy;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.testing.ScriptedProvider.Step;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Circuit breakers as the route sees them: open targets are skipped, probes close or reopen, the view tells. */
class GatewayCircuitTest {
    private static final ModelRef A = ModelRef.parse("openai/a");
    private static final ModelRef B = ModelRef.parse("openai/b");
    private static final CircuitBreakerConfig TWO_STRIKES =
            new CircuitBreakerConfig(true, 2, 0.5, 10, 10, Duration.ofSeconds(10), Duration.ofSeconds(60));

    private final RouterFixture f = new RouterFixture();
    private final Gateway gateway = f.builder()
            .circuitBreakers(TWO_STRIKES)
            .route(new Route("main", List.of(RouteTarget.of(A), RouteTarget.of(B))).withRetry(RetryPolicy.NONE))
            .build();

    private ChatResult call() {
        return gateway.chat(request("main"), f.ctx());
    }

    private List<String> models() {
        return f.openai.calls().stream().map(ChatRequest::model).toList();
    }

    @Test
    void theViewListsConfiguredTargetsClosedBeforeAnyCall() {
        assertThat(gateway.targetHealth())
                .extracting(h -> h.target().toString())
                .containsExactly("openai/a", "openai/b");
        assertThat(gateway.targetHealth()).allSatisfy(h -> {
            assertThat(h.circuit().state()).isEqualTo(CircuitState.CLOSED);
            assertThat(h.chatLatency()).isNull();
        });
        assertThat(gateway.circuit(ModelRef.parse("openai/never-used")).state()).isEqualTo(CircuitState.CLOSED);
        assertThat(gateway.circuitBreakerConfig()).isEqualTo(TWO_STRIKES);
    }

    @Test
    void anOpenCircuitIsSkippedUntilItsCooldownThenOneProbeClosesIt() {
        f.openai
                .then(fail(overloaded()))
                .then(ok("b1"))
                .then(fail(overloaded()))
                .then(ok("b2"));
        call();
        call();
        assertThat(gateway.circuit(A).state()).isEqualTo(CircuitState.OPEN);
        assertThat(gateway.circuit(A).timesOpened()).isEqualTo(1);

        f.openai.then(ok("b3"));
        ChatResult skipped = call();
        assertThat(skipped.info().target()).isEqualTo(B);
        assertThat(skipped.info().attempts()).as("a skipped is not an attempt").isEqualTo(1);
        assertThat(models()).containsExactly("a", "b", "a", "b", "b");

        f.time.advance(Duration.ofSeconds(10));
        f.openai.then(ok("a is back"));
        ChatResult probe = call();
        assertThat(probe.info().target()).isEqualTo(A);
        assertThat(gateway.circuit(A).state()).isEqualTo(CircuitState.CLOSED);
        assertThat(f.records).as("one per upstream attempt: 2 + 2 + 1 + 1").hasSize(6);
    }

    @Test
    void aFailedProbeReopensForLonger() {
        f.openai.then(fail(overloaded())).then(ok("b")).then(fail(overloaded())).then(ok("b"));
        call();
        call();
        f.time.advance(Duration.ofSeconds(10));
        f.openai.then(fail(overloaded())).then(ok("b"));
        call();
        assertThat(gateway.circuit(A).state()).isEqualTo(CircuitState.OPEN);
        assertThat(gateway.circuit(A).cooldown()).isEqualTo(Duration.ofSeconds(20));
        assertThat(gateway.circuit(A).retryIn()).isEqualTo(Duration.ofSeconds(20));
        f.time.advance(Duration.ofSeconds(10));
        f.openai.then(ok("b"));
        call();
        assertThat(models()).as("still skipped after the first cooldown").endsWith("a", "b", "b");
    }

    @Test
    void whenEveryCircuitIsOpenTheAnswerIs503SayingSo() {
        f.openai.then(fail(overloaded())).then(fail(overloaded()));
        assertThatThrownBy(this::call).isInstanceOf(AllTargetsFailed.class);
        f.openai.then(fail(overloaded())).then(fail(overloaded()));
        assertThatThrownBy(this::call).isInstanceOf(AllTargetsFailed.class);
        int recorded = f.records.size();

        assertThatThrownBy(this::call).isInstanceOfSatisfying(Overloaded.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("circuit_open");
            assertThat(e.getMessage())
                    .isEqualTo(
                            "No target of route 'main' is available: openai/a (circuit open), "
                                    + "openai/b (circuit open). A circuit opens after repeated failures; the next probe is in ~10 s.");
        });
        assertThat(f.records).as("no upstream attempt, no record").hasSize(recorded);
    }

    @Test
    void skippedTargetsAreNamedWhenTheOthersFail() {
        Gateway three = f.builder()
                .circuitBreakers(TWO_STRIKES)
                .route(new Route("three", List.of(RouteTarget.of(A), RouteTarget.of(B), RouteTarget.of("openai/c")))
                        .withRetry(RetryPolicy.NONE))
                .build();
        f.openai.then(fail(overloaded())).then(ok("b")).then(fail(overloaded())).then(ok("b"));
        three.chat(request("three"), f.ctx());
        three.chat(request("three"), f.ctx());
        f.openai.then(fail(overloaded())).then(fail(overloaded()));
        assertThatThrownBy(() -> three.chat(request("three"), f.ctx()))
                .isInstanceOfSatisfying(
                        AllTargetsFailed.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("All targets of route 'three' failed: openai/b (overloaded 503), "
                                        + "openai/c (overloaded 503); not tried: openai/a (circuit open)"));
    }

    @Test
    void callerFaultsNeverOpenACircuit() {
        for (int i = 0; i < 5; i++) {
            f.openai.then(fail(invalid()));
            assertThatThrownBy(this::call).isInstanceOf(InvalidRequest.class);
        }
        assertThat(gateway.circuit(A).state()).isEqualTo(CircuitState.CLOSED);
        assertThat(f.records).extracting(CostRecord::outcome).containsOnly("invalid_request");
    }

    @Test
    void aCircuitOpeningMidRetriesStopsTheRetries() {
        Gateway retrying = f.builder()
                .circuitBreakers(TWO_STRIKES)
                .route(new Route("main", List.of(RouteTarget.of(A), RouteTarget.of(B)))
                        .withRetry(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO)))
                .build();
        f.openai.then(fail(overloaded())).then(fail(overloaded())).then(ok("b"));
        ChatResult r = retrying.chat(request("main"), f.ctx());
        assertThat(models()).containsExactly("a", "a", "b");
        assertThat(r.info().attempts()).isEqualTo(3);
        assertThat(f.time.sleeps()).hasSize(1);
    }

    private String drainStream() {
        GatewayStream s = gateway.stream(request("main"), f.ctx());
        StringBuilder text = new StringBuilder();
        try (s) {
            for (StreamEvent e = s.next(); e != null; e = s.next()) {
                if (e instanceof StreamEvent.TextDelta t) text.append(t.text());
            }
        } catch (UpstreamError e) {
            text.append(" [broke]");
        }
        return s.info().target().model() + ": " + text;
    }

    @Test
    void streamsThatBreakAfterTheirFirstEventOpenTheCircuit() {
        // regression: the first event settled the call as a success, so a target that broke every stream mid-way
        // was never skipped, and every stream routed to it failed although the route had a healthy target
        UpstreamError cut = new UpstreamError(ErrorInfo.of("cut"), true);
        StreamEvent[] partial = {new StreamEvent.Started("x", "m"), new StreamEvent.TextDelta("par")};
        f.openai
                .then(Step.breakAfter(cut, partial))
                .then(Step.breakAfter(cut, partial))
                .then(ok("from b"));
        assertThat(drainStream()).isEqualTo("a: par [broke]");
        assertThat(gateway.circuit(A).consecutiveFailures()).isEqualTo(1);
        assertThat(drainStream()).isEqualTo("a: par [broke]");
        assertThat(gateway.circuit(A).state()).isEqualTo(CircuitState.OPEN);
        assertThat(drainStream()).isEqualTo("b: from b");
        assertThat(f.records).extracting(CostRecord::outcome).containsExactly("upstream_error", "upstream_error", "ok");
    }

    @Test
    void aStreamIsJudgedWhenItEndsAndTheCallerLeavingIsNoVerdict() {
        f.openai.then(ok("one")).then(ok("two"));
        GatewayStream open = gateway.stream(request("main"), f.ctx());
        assertThat(gateway.circuit(A).windowCalls())
                .as("not judged at its first event")
                .isZero();
        open.close();
        assertThat(gateway.circuit(A).windowCalls()).as("abandoned: no verdict").isZero();
        drainStream();
        assertThat(gateway.circuit(A).windowCalls()).isEqualTo(1);
        assertThat(gateway.circuit(A).windowFailures()).isZero();
    }

    @Test
    void aProbeStreamClosesTheCircuitAtItsFirstEvent() {
        f.openai.then(fail(overloaded())).then(ok("b")).then(fail(overloaded())).then(ok("b"));
        call();
        call();
        f.time.advance(Duration.ofSeconds(10));
        f.openai.then(ok("a is back"));
        GatewayStream probe = gateway.stream(request("main"), f.ctx());
        // a long answer must not hold the recovering target's only slot until it ends
        assertThat(gateway.circuit(A).state()).isEqualTo(CircuitState.CLOSED);
        probe.close();
    }

    @Test
    void theViewShowsRecentLatency() {
        f.openai.then(ok("a").after(Duration.ofMillis(120)));
        call();
        assertThat(gateway.targetHealth().get(0).chatLatency()).isEqualTo(Duration.ofMillis(120));
        assertThat(gateway.targetHealth().get(0).streamFirstEvent()).isNull();
    }
}
