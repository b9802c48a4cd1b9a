package dev.switchboard.aws.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContinuationsTest {
    private static final Duration DEFAULT_MAX = Duration.ofMinutes(15);

    @Test
    void aWaitingJobComesBackAfterTheEnginesPollIntervalWithinWhatSqsAllows() {
        assertThat(Continuations.delaySeconds(Duration.ofSeconds(30), DEFAULT_MAX))
                .isEqualTo(30);
        assertThat(Continuations.delaySeconds(Duration.ofHours(2), DEFAULT_MAX)).isEqualTo(900);
        assertThat(Continuations.delaySeconds(Duration.ofMinutes(5), Duration.ofMinutes(2)))
                .isEqualTo(120);
        assertThat(Continuations.delaySeconds(Duration.ofHours(2), Duration.ofHours(1)))
                .as("SQS holds a message 15 min at most")
                .isEqualTo(900);
    }

    @Test
    void neverStraightBackSoAWaitingJobCannotSpin() {
        assertThat(Continuations.delaySeconds(Duration.ZERO, DEFAULT_MAX)).isEqualTo(1);
        assertThat(Continuations.delaySeconds(Duration.ofMillis(300), DEFAULT_MAX))
                .isEqualTo(1);
        assertThat(Continuations.delaySeconds(Duration.ofSeconds(-5), DEFAULT_MAX))
                .isEqualTo(1);
        assertThat(Continuations.delaySeconds(Duration.ofSeconds(30), Duration.ZERO))
                .isEqualTo(1);
    }
}
