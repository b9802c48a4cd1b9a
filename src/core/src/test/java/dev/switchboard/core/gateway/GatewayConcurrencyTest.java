package dev.switchboard.core.gateway;

import static dev.switchboard.core.gateway.RouterFixture.ok;
import static dev.switchboard.core.gateway.RouterFixture.overloaded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.routing.CircuitBreakerConfig;
import dev.switchboard.core.routing.RetryPolicy;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.core.routing.Strategy;
import dev.switchboard.testing.ScriptedProvider.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Many requests at once through a flaky primary: every one is answered, and the books balance. */
class GatewayConcurrencyTest {

    @Test
    void twoHundredConcurrentRequestsThroughAFlakyPrimaryAllSucceedWithOneRecordPerAttempt() throws Exception {
        RouterFixture f = new RouterFixture();
        AtomicInteger primaryCalls = new AtomicInteger();
        f.openai.otherwise(req -> switch (req.model()) {
            case "primary" -> primaryCalls.incrementAndGet() % 2 == 0 ? Step.fail(overloaded()) : ok("primary");
            default -> ok("secondary");
        });
        Route route = new Route(
                        "main",
                        List.of(
                                RouteTarget.of("openai/primary").withWeight(3),
                                RouteTarget.of("openai/secondary").withWeight(1)))
                .withStrategy(Strategy.WEIGHTED)
                .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1)));
        Gateway g = f.builder()
                .route(route)
                .circuitBreakers(CircuitBreakerConfig.DEFAULT)
                .build();

        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int n = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CallInfo>> results = new ArrayList<>();
        List<Thread> callers = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "caller");
            callers.add(t);
            return t;
        })) {
            for (int i = 0; i < n; i++) {
                boolean stream = i % 2 == 0;
                results.add(pool.submit(() -> {
                    start.await();
                    ChatRequest req = ChatRequest.builder()
                            .model("main")
                            .messages(Message.user("hi"))
                            .build();
                    if (!stream) return g.chat(req, f.ctx()).info();
                    try (GatewayStream s = g.stream(req, f.ctx())) {
                        for (StreamEvent e = s.next(); e != null; e = s.next()) {
                            /* drain */
                        }
                        return s.info();
                    }
                }));
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        int attempts = 0;
        for (Future<CallInfo> r : results) attempts += r.get().attempts(); // get() rethrows any failure
        assertThat(f.records).hasSize(attempts);
        assertThat(f.records.stream().filter(CostRecord::ok)).hasSize(n);
        assertThat(f.records.stream().filter(r -> !r.ok()))
                .allSatisfy(r -> assertThat(r.model()).isEqualTo("primary"));
        Map<String, List<Integer>> byRequest = f.records.stream()
                .collect(Collectors.groupingBy(
                        CostRecord::requestId, Collectors.mapping(CostRecord::attempt, Collectors.toList())));
        assertThat(byRequest).hasSize(n);
        byRequest
                .values()
                .forEach(nums -> assertThat(nums)
                        .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, nums.size())
                                .boxed()
                                .toList()));
        assertThat(attempts).as("some requests needed more than one attempt").isGreaterThan(n);
        assertThat(f.openai.openStreams()).isZero();

        for (Thread t : callers) t.join(5_000);
        Set<Thread> leaked = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && !callers.contains(t) && t.isAlive())
                .collect(Collectors.toSet());
        assertThat(leaked).as("the router starts no threads").isEmpty();
    }
}
