package dev.switchboard.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallDeadlinesTest {

    @Test
    void aCallPastItsDeadlineIsInterruptedAndTheInterruptDoesNotLeak() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        boolean interrupted;
        try (CallDeadlines.Watch w = CallDeadlines.watch(Duration.ofMillis(100))) {
            try {
                never.await(10, TimeUnit.SECONDS);
                interrupted = false;
            } catch (InterruptedException e) {
                interrupted = true;
            }
            assertThat(w.expired()).isTrue();
        }
        assertThat(interrupted).isTrue();
        assertThat(Thread.currentThread().isInterrupted())
                .as("no interrupt left behind")
                .isFalse();
    }

    /** The watchdog ends when idle (so a discarded class loader does not keep it) and comes back with the next call. */
    @Test
    void theWatchdogEndsWhenIdleAndStartsAgain() throws Exception {
        try (CallDeadlines.Watch w = CallDeadlines.watch(Duration.ofSeconds(30))) {
            assertThat(CallDeadlines.watching()).isTrue();
        }
        long giveUp =
                System.nanoTime() + CallDeadlines.IDLE_EXIT.multipliedBy(3).toNanos();
        while (CallDeadlines.watching() && System.nanoTime() < giveUp) Thread.sleep(100);
        assertThat(CallDeadlines.watching()).as("ended after idling").isFalse();
        try (CallDeadlines.Watch w = CallDeadlines.watch(Duration.ofMillis(50))) {
            assertThat(CallDeadlines.watching()).isTrue();
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException expected) {
                // the restarted watchdog enforces deadlines again
            }
            assertThat(w.expired()).isTrue();
        }
    }
}
