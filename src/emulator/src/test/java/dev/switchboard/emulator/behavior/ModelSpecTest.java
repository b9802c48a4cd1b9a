package dev.switchboard.emulator.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelSpecTest {

    @Test
    void servesOnlyEmulatorNames() {
        assertThat(ModelSpec.parse("emulator-1")).isPresent();
        assertThat(ModelSpec.parse("emulator")).isPresent();
        assertThat(ModelSpec.parse("gpt-4o")).isEmpty();
        assertThat(ModelSpec.parse(null)).isEmpty();
    }

    @Test
    void plainNamesHaveNoFaults() {
        ModelSpec spec = ModelSpec.parse("emulator-1").orElseThrow();
        assertThat(spec.fault().isNone()).isTrue();
        assertThat(spec.gate()).isEqualTo(Gate.ALWAYS);
        assertThat(spec.cache()).isFalse();
        assertThat(spec.think()).isFalse();
    }

    @Test
    void parsesEveryToken() {
        ModelSpec spec = ModelSpec.parse(
                        "emulator-fault-429-ra2-delay10-slow20-gap30-cut3-mid4-reset-malformed-first5-every6-p70-cache-think")
                .orElseThrow();
        FaultSpec f = spec.fault();
        assertThat(f.status()).isEqualTo(429);
        assertThat(f.retryAfterSeconds()).isEqualTo(2);
        assertThat(f.delayMillis()).isEqualTo(10);
        assertThat(f.slowMillis()).isEqualTo(20);
        assertThat(f.gapMillis()).isEqualTo(30);
        assertThat(f.cutAfter()).isEqualTo(3);
        assertThat(f.midAfter()).isEqualTo(4);
        assertThat(f.reset()).isTrue();
        assertThat(f.malformed()).isTrue();
        assertThat(spec.gate()).isEqualTo(new Gate(5, 6, 70));
        assertThat(spec.cache()).isTrue();
        assertThat(spec.think()).isTrue();
    }

    @Test
    void acceptsFaultWithoutDashAndIgnoresUnknownTokens() {
        ModelSpec spec = ModelSpec.parse("emulator-large-fault503-v2").orElseThrow();
        assertThat(spec.fault().status()).isEqualTo(503);
        assertThat(spec.fault().cutAfter()).isNull();
    }

    @Test
    void gateCombinesConditions() {
        var random = new java.util.Random(1);
        Gate firstTwo = new Gate(2, null, null);
        assertThat(firstTwo.admits(1, random)).isTrue();
        assertThat(firstTwo.admits(2, random)).isTrue();
        assertThat(firstTwo.admits(3, random)).isFalse();
        Gate everySecond = new Gate(null, 2, null);
        assertThat(everySecond.admits(1, random)).isFalse();
        assertThat(everySecond.admits(2, random)).isTrue();
        assertThat(everySecond.admits(4, random)).isTrue();
        assertThat(new Gate(null, null, 0).admits(1, random)).isFalse();
        assertThat(new Gate(null, null, 100).admits(1, random)).isTrue();
        assertThat(new Gate(4, 2, null).admits(6, random)).isFalse();
    }
}
