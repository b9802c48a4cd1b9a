package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy =
            new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(5));

    @Test
    void fullJitterStaysBetweenZeroAndTheDoublingCeilingCappedAtMax() {
        long[] ceilings = {100, 200, 400, 800, 1000, 1000};
        for (int retry = 0; retry < ceilings.length; retry++) {
            Duration ceiling = Duration.ofMillis(ceilings[retry]);
            assertThat(policy.backoff(retry, 0.0)).isEqualTo(Duration.ZERO);
            assertThat(policy.backoff(retry, 0.5)).isEqualTo(ceiling.dividedBy(2));
            assertThat(policy.backoff(retry, 0.999_999))
                    .isLessThan(ceiling)
                    .isGreaterThan(ceiling.multipliedBy(99).dividedBy(100));
        }
    }

    @Test
    void manyRetriesDoNotOverflow() {
        assertThat(policy.backoff(61, 1.0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.backoff(500, 1.0)).isEqualTo(Duration.ofMillis(1000));
        RetryPolicy huge = new RetryPolicy(3, Duration.ofDays(1), Duration.ofDays(10_000), Duration.ZERO);
        assertThat(huge.backoff(40, 1.0)).isEqualTo(Duration.ofDays(10_000));
    }

    @Test
    void aRetryAfterWithinTheCapIsWaitedExactly() {
        var limited = new RateLimited(ErrorInfo.of("slow"), Duration.ofSeconds(3));
        assertThat(policy.delayAfter(limited, 0, 0.9)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayAfter(new RateLimited(ErrorInfo.of("slow"), Duration.ofSeconds(5)), 0, 0.9))
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aRetryAfterBeyondTheCapMeansDoNotRetryThisTarget() {
        assertThat(policy.delayAfter(new RateLimited(ErrorInfo.of("slow"), Duration.ofSeconds(6)), 0, 0.9))
                .isNull();
    }

    @Test
    void withoutRetryAfterTheBackoffApplies() {
        assertThat(policy.delayAfter(new RateLimited(ErrorInfo.of("slow"), null), 2, 0.5))
                .isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayAfter(new Overloaded("busy"), 1, 0.25)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void nonRetriableErrorsAreNeverRetried() {
        assertThat(policy.delayAfter(new AuthFailed("no"), 0, 0.5)).isNull();
        var quota = new RateLimited(ErrorInfo.of("quota").withCode("insufficient_quota"), Duration.ofSeconds(1));
        assertThat(policy.delayAfter(quota, 0, 0.5)).isNull();
    }

    @Test
    void invalidPoliciesNameTheField() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageStartingWith("max-attempts");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageStartingWith("max-delay");
    }
}
