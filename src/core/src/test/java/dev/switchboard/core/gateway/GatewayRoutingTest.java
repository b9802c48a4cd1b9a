package dev.switchboard.core.gateway;

import static dev.switchboard.core.gateway.RouterFixture.TWO_TRIES;
import static dev.switchboard.core.gateway.RouterFixture.authFailed;
import static dev.switchboard.core.gateway.RouterFixture.invalid;
import static dev.switchboard.core.gateway.RouterFixture.ok;
import static dev.switchboard.core.gateway.RouterFixture.overloaded;
import static dev.switchboard.core.gateway.RouterFixture.rateLimited;
import static dev.switchboard.core.gateway.RouterFixture.request;
import static dev.switchboard.core.gateway.RouterFixture.timeout;
import static dev.switchboard.testing.ScriptedProvider.Step.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.error.AllTargetsFailed;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.routing.RetryPolicy;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.core.routing.RouteTimeouts;
import dev.switchboard.core.routing.Strategy;
import dev.switchboard.core.routing.TargetParams;
import dev.switchboard.core.spi.CallOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The router's loop through {@link Gateway#chat}: retries, fallback, deadlines, error reporting, cost records. */
class GatewayRoutingTest {
    private final RouterFixture f = new RouterFixture();

    private static Route main(RetryPolicy retry, String... targets) {
        return new Route(
                        "main",
                        java.util.Arrays.stream(targets).map(RouteTarget::of).toList())
                .withRetry(retry);
    }

    private Gateway gateway(Route route) {
        return f.builder().route(route).build();
    }

    private static final Duration MS_200 = Duration.ofMillis(200);

    @Test
    void retriesRetriableErrorsThenFallsOverAndNumbersEveryAttempt() {
        f.openai
                .then(fail(overloaded()).after(MS_200))
                .then(fail(overloaded()).after(MS_200))
                .then(ok("from b").after(Duration.ofMillis(300)));
        ChatResult r = gateway(main(TWO_TRIES, "openai/a", "openai/b")).chat(request("main"), f.ctx());

        assertThat(r.response().text()).isEqualTo("from b");
        assertThat(r.info().route()).isEqualTo("main");
        assertThat(r.info().target().toString()).isEqualTo("openai/b");
        assertThat(r.info().attempts()).isEqualTo(3);
        assertThat(f.openai.calls()).extracting(ChatRequest::model).containsExactly("a", "a", "b");
        assertThat(f.time.sleeps()).containsExactly(Duration.ofMillis(50)); // 0.5 · 100 ms
        assertThat(r.info().upstreamNanos())
                .as("attempts and the backoff")
                .isEqualTo(Duration.ofMillis(750).toNanos());
        assertThat(f.records).extracting(CostRecord::attempt).containsExactly(1, 2, 3);
        assertThat(f.records).extracting(CostRecord::outcome).containsExactly("overloaded", "overloaded", "ok");
        assertThat(f.records).extracting(CostRecord::model).containsExactly("a", "a", "b");
        assertThat(f.records).extracting(CostRecord::route).containsOnly("main");
        assertThat(f.records).extracting(CostRecord::requestId).containsOnly("req-1");
        assertThat(f.records).extracting(CostRecord::latencyMs).containsExactly(200L, 200L, 300L);
        assertThat(f.records.get(0).costUsd()).isNull();
        assertThat(f.records.get(2).costUsd()).isEqualByComparingTo("0.000010");
    }

    @Test
    void a429IsRetriedAfterExactlyItsRetryAfter() {
        f.openai.then(fail(rateLimited(Duration.ofSeconds(2)))).then(ok("again"));
        ChatResult r = gateway(main(TWO_TRIES, "openai/a", "openai/b")).chat(request("main"), f.ctx());
        assertThat(r.info().target().toString()).isEqualTo("openai/a");
        assertThat(r.info().attempts()).isEqualTo(2);
        assertThat(f.time.sleeps()).containsExactly(Duration.ofSeconds(2));
        assertThat(f.records).extracting(CostRecord::outcome).containsExactly("rate_limited", "ok");
    }

    @Test
    void aRetryAfterBeyondTheCapFallsOverWithoutWaiting() {
        f.openai.then(fail(rateLimited(Duration.ofSeconds(30)))).then(ok("from b"));
        ChatResult r = gateway(main(TWO_TRIES, "openai/a", "openai/b")).chat(request("main"), f.ctx());
        assertThat(r.info().target().toString()).isEqualTo("openai/b");
        assertThat(f.time.sleeps()).isEmpty();
    }

    @Test
    void theBackoffDoublesUpToItsMaximumWithFullJitter() {
        var policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(5));
        for (int i = 0; i < 3; i++) f.openai.then(fail(overloaded()));
        f.openai.then(ok("fourth time"));
        ChatResult r = gateway(main(policy, "openai/a")).chat(request("main"), f.ctx());
        assertThat(r.info().attempts()).isEqualTo(4);
        assertThat(f.time.sleeps())
                .containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(125));
    }

    @Test
    void theDeadlineStopsRetriesAndCutsTheNextAttemptsTimeout() {
        Route route = main(TWO_TRIES, "openai/a", "openai/b")
                .withTimeouts(new RouteTimeouts(Duration.ofSeconds(10), null, Duration.ofSeconds(1)));
        f.openai
                .then(fail(overloaded()).after(Duration.ofMillis(980)))
                .then(ok("just in time").after(Duration.ofMillis(10)));
        ChatResult r = gateway(route).chat(request("main"), f.ctx());
        assertThat(f.time.sleeps())
                .as("a 50 ms backoff would pass the deadline")
                .isEmpty();
        assertThat(r.info().target().toString()).isEqualTo("openai/b");
        assertThat(f.openai.options())
                .extracting(CallOptions::timeout)
                .containsExactly(Duration.ofSeconds(1), Duration.ofMillis(20));
    }

    @Test
    void targetsLeftWhenTheDeadlinePassesAreReportedAsNotTried() {
        Route route = main(RetryPolicy.NONE, "openai/a", "openai/b", "openai/c")
                .withTimeouts(new RouteTimeouts(null, null, Duration.ofSeconds(1)));
        f.openai
                .then(fail(timeout()).after(Duration.ofMillis(600)))
                .then(fail(timeout()).after(Duration.ofMillis(400)));
        assertThatThrownBy(() -> gateway(route).chat(request("main"), f.ctx()))
                .isInstanceOfSatisfying(AllTargetsFailed.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(504);
                    assertThat(e.getMessage())
                            .isEqualTo("All targets of route 'main' failed: openai/a (timeout), "
                                    + "openai/b (timeout); not tried: openai/c (deadline passed)");
                });
        assertThat(f.openai.calls()).hasSize(2);
        assertThat(f.records).hasSize(2);
    }

    @Test
    void aNonRetriableErrorMovesOnAtOnce() {
        f.openai.then(fail(authFailed())).then(ok("from b"));
        ChatResult r = gateway(main(TWO_TRIES, "openai/a", "openai/b")).chat(request("main"), f.ctx());
        assertThat(r.info().target().toString()).isEqualTo("openai/b");
        assertThat(r.info().attempts()).isEqualTo(2);
        assertThat(f.time.sleeps()).isEmpty();
        assertThat(f.records).extracting(CostRecord::outcome).containsExactly("auth_failed", "ok");
    }

    @Test
    void aCallerFaultEndsTheRequestWithTheOriginalError() {
        InvalidRequest bad = invalid();
        f.openai.then(fail(bad));
        assertThatThrownBy(
                        () -> gateway(main(TWO_TRIES, "openai/a", "openai/b")).chat(request("main"), f.ctx()))
                .isSameAs(bad);
        assertThat(f.openai.calls()).hasSize(1);
        assertThat(f.records).singleElement().extracting(CostRecord::outcome).isEqualTo("invalid_request");
    }

    @Test
    void aCallerFaultAfterOtherFailuresIsStillTheAnswer() {
        f.openai.then(fail(overloaded())).then(fail(invalid()));
        assertThatThrownBy(() -> gateway(main(RetryPolicy.NONE, "openai/a", "openai/b", "openai/c"))
                        .chat(request("main"), f.ctx()))
                .isInstanceOf(InvalidRequest.class);
        assertThat(f.records).hasSize(2);
    }

    @Test
    void oneFailedAttemptIsReportedAsItself() {
        Overloaded busy = overloaded();
        f.openai.then(fail(busy));
        assertThatThrownBy(() -> gateway(main(RetryPolicy.NONE, "openai/a")).chat(request("main"), f.ctx()))
                .isSameAs(busy);
    }

    @Test
    void whenEveryAttemptFailsTheMessageListsThemAllWithoutUpstreamText() {
        f.openai
                .then(fail(overloaded()))
                .then(fail(overloaded()))
                .then(fail(authFailed()))
                .then(fail(timeout()))
                .then(fail(timeout()));
        assertThatThrownBy(() -> gateway(main(TWO_TRIES, "openai/a", "openai/b", "openai/c"))
                        .chat(request("main"), f.ctx()))
                .isInstanceOfSatisfying(AllTargetsFailed.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "All targets of route 'main' failed: openai/a (overloaded 503), "
                                            + "openai/a (overloaded 503), openai/b (auth_failed 401), openai/c (timeout), openai/c (timeout)");
                    assertThat(e.getMessage()).doesNotContain("sk-secret");
                    assertThat(e.httpStatus()).isEqualTo(502);
                    assertThat(e.attempts())
                            .extracting(AllTargetsFailed.Attempt::attempt)
                            .containsExactly(1, 2, 3, 4, 5);
                });
        assertThat(f.records).extracting(CostRecord::attempt).containsExactly(1, 2, 3, 4, 5);
        assertThat(f.records)
                .extracting(CostRecord::outcome)
                .containsExactly("overloaded", "overloaded", "auth_failed", "timeout", "timeout");
    }

    @Test
    void theStatusOfAllTargetsFailedFitsTheFailures() {
        assertThat(statusWhenAllFail(rateLimited(null), rateLimited(null))).isEqualTo(429);
        assertThat(statusWhenAllFail(overloaded(), overloaded())).isEqualTo(503);
        assertThat(statusWhenAllFail(timeout(), timeout())).isEqualTo(504);
        assertThat(statusWhenAllFail(rateLimited(null), timeout())).isEqualTo(502);
    }

    private int statusWhenAllFail(SwitchboardException first, SwitchboardException second) {
        var fx = new RouterFixture();
        fx.openai.then(fail(first)).then(fail(second));
        Gateway g = fx.builder()
                .route(main(RetryPolicy.NONE, "openai/a", "openai/b"))
                .build();
        try {
            g.chat(request("main"), fx.ctx());
            throw new AssertionError("expected a failure");
        } catch (AllTargetsFailed e) {
            assertThat(fx.records).hasSize(2);
            return e.httpStatus();
        }
    }

    @Test
    void perTargetParamsOverrideTheCallersOnThatTargetOnly() {
        var cheap = RouteTarget.of("openai/mini").withParams(new TargetParams(0.0, null, 100, "low", Map.of()));
        Route route = new Route("main", List.of(RouteTarget.of("openai/big"), cheap)).withRetry(RetryPolicy.NONE);
        f.openai.then(fail(overloaded())).then(ok("small answer"));
        ChatRequest caller =
                request("main").toBuilder().temperature(0.9).maxTokens(4000).build();
        gateway(route).chat(caller, f.ctx());
        ChatRequest toBig = f.openai.calls().get(0);
        ChatRequest toMini = f.openai.calls().get(1);
        assertThat(toBig.model()).isEqualTo("big");
        assertThat(toBig.temperature()).isEqualTo(0.9);
        assertThat(toBig.maxTokens()).isEqualTo(4000);
        assertThat(toMini.model()).isEqualTo("mini");
        assertThat(toMini.temperature()).isEqualTo(0.0);
        assertThat(toMini.maxTokens()).isEqualTo(100);
        assertThat(toMini.reasoning().effort()).isEqualTo("low");
    }

    @Test
    void aTargetWhoseProviderCannotBeUsedIsSkippedWithoutAnAttemptOrARecord() {
        f.anthropic.unavailable("provider 'anthropic' has no API key");
        Route route = new Route(
                "main",
                List.of(RouteTarget.of("anthropic/claude"), RouteTarget.of("openai/b")),
                Strategy.ORDERED,
                RetryPolicy.NONE,
                null,
                null,
                true);
        f.openai.then(ok("from openai"));
        ChatResult r = gateway(route).chat(request("main"), f.ctx());
        assertThat(r.info().attempts()).isEqualTo(1);
        assertThat(f.records).singleElement().satisfies(rec -> {
            assertThat(rec.attempt()).isEqualTo(1);
            assertThat(rec.provider()).isEqualTo("openai");
        });
    }

    @Test
    void theRoutesTimeoutsReachTheProvider() {
        Route route = main(RetryPolicy.NONE, "openai/a")
                .withTimeouts(new RouteTimeouts(Duration.ofSeconds(7), Duration.ofSeconds(3), null));
        f.openai.then(ok("hi"));
        gateway(route).chat(request("main"), f.ctx());
        assertThat(f.openai.options())
                .singleElement()
                .extracting(CallOptions::timeout)
                .isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void directRequestsUseTheGatewaysDefaultPolicy() {
        Gateway g = f.builder()
                .directRetry(RetryPolicy.NONE)
                .callOptions(new CallOptions(Duration.ofSeconds(42), Duration.ofSeconds(9)))
                .build();
        f.openai.then(fail(overloaded()));
        assertThatThrownBy(() -> g.chat(request("openai/gpt-4o"), f.ctx())).isInstanceOf(Overloaded.class);
        assertThat(f.openai.options())
                .singleElement()
                .extracting(CallOptions::timeout)
                .isEqualTo(Duration.ofSeconds(42));
        assertThat(f.records).singleElement().extracting(CostRecord::route).isEqualTo("openai/gpt-4o");
    }

    @Test
    void aRateLimitedDirectRequestWithALongRetryAfterKeepsItsRetryAfter() {
        f.openai.then(fail(rateLimited(Duration.ofSeconds(60))));
        assertThatThrownBy(() -> f.builder().build().chat(request("openai/gpt-4o"), f.ctx()))
                .isInstanceOfSatisfying(
                        RateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60)));
        assertThat(f.time.sleeps()).isEmpty();
    }

    @Test
    void anUnexpectedProviderBugIsRecordedAsInternalErrorAndFallsOver() {
        f.openai.then(ok("from b"));
        f.anthropic.otherwise(req -> {
            throw new IllegalStateException("NPE in a mapper");
        });
        Route route = new Route(
                "main",
                List.of(RouteTarget.of("anthropic/claude"), RouteTarget.of("openai/b")),
                Strategy.ORDERED,
                TWO_TRIES,
                null,
                null,
                true);
        ChatResult r = gateway(route).chat(request("main"), f.ctx());
        assertThat(r.info().target().toString()).isEqualTo("openai/b");
        assertThat(f.records).extracting(CostRecord::outcome).containsExactly("internal_error", "ok");
    }

    @Test
    void anInterruptedBackoffStopsTheRequestAndKeepsTheInterrupt() {
        Gateway g = f.builder()
                .route(main(TWO_TRIES, "openai/a", "openai/b"))
                .sleeper(d -> {
                    throw new InterruptedException();
                })
                .build();
        Overloaded busy = overloaded();
        f.openai.then(fail(busy));
        try {
            assertThatThrownBy(() -> g.chat(request("main"), f.ctx())).isSameAs(busy);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(f.openai.calls()).hasSize(1);
    }

    @Test
    void aDeadlineTooShortForAnyAttemptIsATimeout() {
        Route route =
                main(RetryPolicy.NONE, "openai/a").withTimeouts(new RouteTimeouts(null, null, Duration.ofNanos(1)));
        Gateway g = f.builder()
                .route(route)
                .metadata((ref, type) -> {
                    f.time.advance(Duration.ofMillis(1)); // a slow catalog eats the budget
                    return java.util.Optional.empty();
                })
                .build();
        assertThatThrownBy(() -> g.chat(request("main"), f.ctx()))
                .isInstanceOf(Timeout.class)
                .hasMessageContaining("deadline");
        assertThat(f.records).isEmpty();
    }
}
