package dev.switchboard.runtime.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrewarmTest {

    @Test
    void everyShippedStepSucceedsOfflineOnLoopbackOnly() {
        Prewarm prewarm = new Prewarm();
        prewarm.run();
        assertThat(prewarm.steps())
                .extracting(Prewarm.Step::name)
                .containsExactly("decimal", "tls-default", "json", "http-exchange");
        assertThat(prewarm.steps())
                .allSatisfy(step -> assertThat(step.failure()).isNull());
    }

    @Test
    void aFailingStepIsRecordedAndTheNextStepsStillRun() {
        Prewarm prewarm = new Prewarm(List.of(
                new Prewarm.Task("throws", () -> {
                    throw new IllegalStateException("no TLS here");
                }),
                new Prewarm.Task("errors", () -> {
                    throw new LinkageError("class missing");
                }),
                new Prewarm.Task("works", () -> {})));

        prewarm.run(); // never throws

        assertThat(prewarm.steps()).extracting(Prewarm.Step::name).containsExactly("throws", "errors", "works");
        assertThat(prewarm.steps().get(0).failure()).isInstanceOf(IllegalStateException.class);
        assertThat(prewarm.steps().get(1).failure()).isInstanceOf(LinkageError.class);
        assertThat(prewarm.steps().get(2).ok()).isTrue();
    }

    @Test
    void runsOnADaemonThreadThatEndsEvenWhenEveryStepFails() throws InterruptedException {
        Prewarm prewarm = new Prewarm(List.of(new Prewarm.Task("throws", () -> {
            throw new RuntimeException("boom");
        })));

        Thread thread = Prewarm.startInBackground(prewarm);

        assertThat(thread).isNotNull();
        assertThat(thread.isDaemon()).isTrue();
        thread.join();
        assertThat(prewarm.steps())
                .singleElement()
                .satisfies(step -> assertThat(step.ok()).isFalse());
    }
}
