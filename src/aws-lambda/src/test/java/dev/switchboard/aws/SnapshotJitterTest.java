package dev.switchboard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.gateway.RequestContext;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.routing.RetryPolicy;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ChatStream;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Regression: the retry backoff jitter came from ThreadLocalRandom. A thread's ThreadLocalRandom is seeded from one
 * static seeder and steps by an amount derived from the thread id; a SnapStart snapshot captures both counters, so
 * every instance restored from it gives its k-th thread the same seed and draws the same "random" delays: after a
 * throttling burst, all instances retry in lockstep. This test replays a restore twice on one thread: rewind the
 * seeder to the snapshot's value and clear the thread's ThreadLocalRandom state (needs {@code --add-opens} of
 * java.util.concurrent and java.lang, set in this module's surefire argLine).
 */
class SnapshotJitterTest {

    @Test
    void twoRestoresOfOneSnapshotDoNotShareBackoffDelays() throws Exception {
        Field seederField = ThreadLocalRandom.class.getDeclaredField("seeder");
        seederField.setAccessible(true);
        AtomicLong seeder = (AtomicLong) seederField.get(null);
        Field probe = Thread.class.getDeclaredField("threadLocalRandomProbe");
        probe.setAccessible(true);
        long snapshot = seeder.get();
        Callable<Void> restore = () -> {
            seeder.set(snapshot);
            probe.setInt(Thread.currentThread(), 0); // next ThreadLocalRandom.current() seeds the thread afresh
            return null;
        };

        inFreshThread(() -> {
            // the hazard itself: after each "restore" ThreadLocalRandom repeats its draws
            restore.call();
            double first = ThreadLocalRandom.current().nextDouble();
            restore.call();
            assertThat(ThreadLocalRandom.current().nextDouble())
                    .as("ThreadLocalRandom after a replayed restore")
                    .isEqualTo(first);

            // the gateway's backoff must not follow it
            restore.call();
            Duration a = backoffOfOneThrottledCall();
            restore.call();
            Duration b = backoffOfOneThrottledCall();
            assertThat(a).isPositive();
            assertThat(b).as("backoff after the second restore").isNotEqualTo(a);
            return null;
        });
    }

    /** One direct request to a provider that always throttles, two attempts: the one delay the router waited. */
    private static Duration backoffOfOneThrottledCall() {
        List<Duration> slept = new CopyOnWriteArrayList<>();
        Gateway gateway = Gateway.builder()
                .provider(new Throttled())
                .directRetry(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10)))
                .sleeper(slept::add)
                .build();
        try {
            gateway.chat(
                    ChatRequest.builder()
                            .model("throttled/m")
                            .messages(Message.user("hi"))
                            .build(),
                    RequestContext.of("req-jitter"));
        } catch (RuntimeException expected) {
            // all attempts throttled
        }
        assertThat(slept).hasSize(1);
        return slept.get(0);
    }

    private static <T> T inFreshThread(Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(body.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() instanceof Error e) throw e;
        if (failure.get() instanceof Exception e) throw e;
        return result.get();
    }

    private static final class Throttled implements ChatProvider {
        @Override
        public String id() {
            return "throttled";
        }

        @Override
        public String type() {
            return "test";
        }

        @Override
        public ChatResponse chat(ChatRequest request, CallOptions options) {
            throw new RateLimited(ErrorInfo.of("slow down").withProvider("throttled"), null);
        }

        @Override
        public ChatStream stream(ChatRequest request, CallOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ModelInfo> listModels() {
            return List.of();
        }
    }
}
