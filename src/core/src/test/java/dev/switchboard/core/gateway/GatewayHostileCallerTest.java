package dev.switchboard.core.gateway;

import static dev.switchboard.core.gateway.RouterFixture.ok;
import static dev.switchboard.core.gateway.RouterFixture.request;
import static dev.switchboard.core.gateway.RouterFixture.timeout;
import static dev.switchboard.testing.ScriptedProvider.Step.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.core.routing.CircuitBreakerConfig;
import dev.switchboard.core.routing.Router;
import dev.switchboard.testing.ScriptedProvider.Step;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What one caller can do to the state every caller shares: breakers, latency, retries, the request deadline. */
class GatewayHostileCallerTest {
    private static final CircuitBreakerConfig TWO_STRIKES =
            new CircuitBreakerConfig(true, 2, 0.5, 10, 10, Duration.ofSeconds(10), Duration.ofSeconds(60));

    private final RouterFixture f = new RouterFixture();

    @Test
    void madeUpModelNamesLeaveNoBreakerBehind() {
        Gateway gateway = f.builder()
                .circuitBreakers(TWO_STRIKES)
                .directRetry(RouterFixture.TWO_TRIES)
                .build();
        for (int i = 0; i < 50; i++) {
            f.openai.then(fail(new ModelNotFound(ErrorInfo.upstream("openai", 404, "no such model"))));
            int n = i;
            assertThatThrownBy(() -> gateway.chat(request("openai/made-up-" + n), f.ctx()))
                    .isInstanceOf(ModelNotFound.class);
        }
        assertThat(gateway.targetHealth()).isEmpty();

        f.openai.then(ok("hi"));
        gateway.chat(request("openai/real"), f.ctx());
        assertThat(gateway.targetHealth())
                .extracting(h -> h.target().toString())
                .containsExactly("openai/real");
    }

    @Test
    void anUpstreamFailureOfAnAcceptedTargetStillCounts() {
        Gateway gateway = f.builder().circuitBreakers(TWO_STRIKES).build();
        f.openai.then(fail(timeout())).then(fail(timeout()));
        assertThatThrownBy(() -> gateway.chat(request("openai/slow"), f.ctx()))
                .isInstanceOf(dev.switchboard.core.error.SwitchboardException.class);
        assertThat(gateway.circuit(ModelRef.parse("openai/slow")).state())
                .isEqualTo(dev.switchboard.core.routing.CircuitState.OPEN);
    }

    @Test
    void anOversizedPromptTimingOutNeitherTripsTheBreakerNorIsRetried() {
        Gateway gateway = f.builder()
                .circuitBreakers(TWO_STRIKES)
                .directRetry(RouterFixture.TWO_TRIES)
                .build();
        ChatRequest huge = ChatRequest.builder()
                .model("openai/m")
                .messages(Message.user("x".repeat((int) Router.LARGE_PROMPT_TOKENS * 4)))
                .build();
        for (int i = 0; i < 3; i++) {
            f.openai.then(fail(timeout()));
            assertThatThrownBy(() -> gateway.chat(huge, f.ctx())).isInstanceOf(Timeout.class);
        }
        assertThat(f.openai.calls())
                .as("one attempt per request, no paid retry")
                .hasSize(3);
        assertThat(f.records).hasSize(3).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("timeout"));
        assertThat(gateway.circuit(ModelRef.parse("openai/m")).consecutiveFailures())
                .isZero();

        f.openai.then(ok("small is fine"));
        assertThat(gateway.chat(request("openai/m"), f.ctx()).response().text()).isEqualTo("small is fine");
    }

    @Test
    void theRequestDeadlineCapsAttemptsAndStillRecordsTheAttempt() {
        Gateway gateway = f.builder().requestDeadline(Duration.ofSeconds(27)).build();
        f.openai.then(Step.stall());
        assertThatThrownBy(() -> gateway.chat(request("openai/m"), f.ctx()))
                .isInstanceOf(Timeout.class)
                .satisfies(e -> assertThat(((Timeout) e).httpStatus()).isEqualTo(504));
        assertThat(f.openai.options().get(0).timeout()).isEqualTo(Duration.ofSeconds(27));
        assertThat(f.records)
                .singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo("timeout"));
    }

    @Test
    void theRequestDeadlineEndsAStreamThatOutlivesIt() {
        Gateway gateway = f.builder().requestDeadline(Duration.ofSeconds(27)).build();
        f.openai.then(Step.answer("one two three", dev.switchboard.core.model.Usage.of(5, 3)));
        GatewayStream stream = gateway.stream(request("openai/m"), f.ctx());
        assertThat(stream.next()).isNotNull();
        f.time.advance(Duration.ofSeconds(28));
        assertThatThrownBy(() -> {
                    while (stream.next() != null) {
                        // drain
                    }
                })
                .isInstanceOf(Timeout.class)
                .hasMessageContaining("deadline");
        stream.close();
        assertThat(f.records)
                .singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo("timeout"));
    }
}
