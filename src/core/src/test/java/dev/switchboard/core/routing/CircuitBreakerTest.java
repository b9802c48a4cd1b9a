package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.testing.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final SwitchboardException FAIL = new Overloaded("busy");
    private static final SwitchboardException CALLER = new InvalidRequest(ErrorInfo.of("bad"));

    private final FakeTime time = new FakeTime();
    private final CircuitBreakerConfig config =
            new CircuitBreakerConfig(true, 3, 0.5, 10, 6, Duration.ofSeconds(10), Duration.ofSeconds(35));
    private final CircuitBreaker breaker = new CircuitBreaker(ModelRef.parse("p/m"), config, time.ticker());

    private void call(SwitchboardException outcome) {
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        assertThat(permit).as("admitted").isNotNull();
        permit.settle(outcome);
    }

    private CircuitState state() {
        return breaker.snapshot().state();
    }

    @Test
    void opensAfterConsecutiveFailuresAndASuccessResetsTheCount() {
        call(FAIL);
        call(FAIL);
        call(null);
        call(FAIL);
        call(FAIL);
        assertThat(state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().consecutiveFailures()).isEqualTo(2);
        call(FAIL);
        assertThat(state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.snapshot().timesOpened()).isEqualTo(1);
        assertThat(breaker.tryAcquire()).as("open circuits refuse calls").isNull();
        assertThat(breaker.admitsCalls()).isFalse();
    }

    @Test
    void onlyTheCallAHalfOpenCircuitLetsThroughIsAProbe() {
        assertThat(breaker.tryAcquire().probe()).isFalse();
        call(FAIL);
        call(FAIL);
        call(FAIL);
        time.advance(Duration.ofSeconds(10));
        assertThat(breaker.tryAcquire().probe()).isTrue();
    }

    @Test
    void opensOnTheFailureRateOnceTheWindowHasEnoughCalls() {
        // alternating: never 3 in a row, but half of the calls fail
        call(FAIL);
        call(null);
        call(FAIL);
        call(null);
        call(FAIL);
        assertThat(state()).as("5 calls < min-calls 6").isEqualTo(CircuitState.CLOSED);
        call(null);
        assertThat(state()).as("a success never opens").isEqualTo(CircuitState.CLOSED);
        call(FAIL);
        assertThat(breaker.snapshot().state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void theWindowSlidesSoOldFailuresAgeOut() {
        for (int i = 0; i < 2; i++) call(FAIL);
        for (int i = 0; i < 10; i++) call(null);
        assertThat(breaker.snapshot().windowCalls()).isEqualTo(10);
        assertThat(breaker.snapshot().windowFailures()).isZero();
        call(FAIL);
        call(FAIL);
        assertThat(breaker.snapshot().failureRate()).isEqualTo(0.2);
        assertThat(state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void callerFaultsDoNotCount() {
        for (int i = 0; i < 20; i++) call(CALLER);
        assertThat(state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().windowCalls()).isZero();
    }

    private void open() {
        for (int i = 0; i < 3; i++) call(FAIL);
        assertThat(state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void afterTheCooldownOneProbeIsAdmittedAndItsSuccessCloses() {
        open();
        time.advance(Duration.ofSeconds(9));
        assertThat(breaker.tryAcquire()).isNull();
        assertThat(breaker.snapshot().retryIn()).isEqualTo(Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(1));
        assertThat(breaker.admitsCalls()).isTrue();
        CircuitBreaker.Permit probe = breaker.tryAcquire();
        assertThat(probe).isNotNull();
        assertThat(state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.tryAcquire()).as("only one probe at a time").isNull();
        assertThat(breaker.admitsCalls()).isFalse();
        probe.settle(null);
        assertThat(state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().cooldown()).isEqualTo(Duration.ofSeconds(10));
        call(null);
    }

    @Test
    void aFailedProbeReopensWithTheCooldownDoubledUpToTheCap() {
        open();
        Duration[] cooldowns = {Duration.ofSeconds(20), Duration.ofSeconds(35), Duration.ofSeconds(35)};
        Duration wait = Duration.ofSeconds(10);
        for (Duration next : cooldowns) {
            time.advance(wait);
            call(FAIL); // the probe
            assertThat(state()).isEqualTo(CircuitState.OPEN);
            assertThat(breaker.snapshot().cooldown()).isEqualTo(next);
            time.advance(next.minusMillis(1));
            assertThat(breaker.tryAcquire()).isNull();
            wait = Duration.ofMillis(1);
        }
        time.advance(wait);
        call(null);
        assertThat(state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.snapshot().cooldown()).as("reset on close").isEqualTo(Duration.ofSeconds(10));
        assertThat(breaker.snapshot().timesOpened()).isEqualTo(4);
    }

    @Test
    void aProbeEndingInACallerFaultGivesTheProbeSlotBack() {
        open();
        time.advance(Duration.ofSeconds(10));
        call(CALLER);
        assertThat(state()).isEqualTo(CircuitState.HALF_OPEN);
        CircuitBreaker.Permit probe = breaker.tryAcquire();
        assertThat(probe).isNotNull();
        probe.release();
        assertThat(breaker.tryAcquire()).isNotNull();
    }

    @Test
    void lateOutcomesOfCallsAdmittedBeforeAStateChangeAreIgnored() {
        CircuitBreaker.Permit slow = breaker.tryAcquire();
        open();
        time.advance(Duration.ofSeconds(10));
        CircuitBreaker.Permit probe = breaker.tryAcquire();
        slow.settle(null);
        assertThat(state())
                .as("a slow success from before cannot close the circuit")
                .isEqualTo(CircuitState.HALF_OPEN);
        probe.settle(FAIL);
        probe.settle(null);
        assertThat(state()).as("a permit settles once").isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aDisabledBreakerAdmitsEverything() {
        var off = new CircuitBreaker(ModelRef.parse("p/m"), CircuitBreakerConfig.DISABLED, time.ticker());
        for (int i = 0; i < 50; i++) off.tryAcquire().settle(FAIL);
        assertThat(off.snapshot().state()).isEqualTo(CircuitState.CLOSED);
        assertThat(off.admitsCalls()).isTrue();
    }

    @Test
    void theRegistryKeepsOneBreakerPerTargetAndListsThemByName() {
        var all = new CircuitBreakers(config, time.ticker());
        assertThat(all.forTarget(ModelRef.parse("b/x"))).isSameAs(all.forTarget(ModelRef.parse("b/x")));
        all.forTarget(ModelRef.parse("a/y"));
        assertThat(all.snapshots()).extracting(s -> s.target().toString()).containsExactly("a/y", "b/x");
        assertThat(all.snapshot(ModelRef.parse("c/z"))).isEmpty();
    }
}
