package dev.switchboard.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.model.ModelRef;
import dev.switchboard.server.e2e.EmulatorResource;
import dev.switchboard.server.faults.Caller.Seen;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * 200 callers at once, half streaming, through a route whose first target fails every second request: everyone
 * gets the whole answer, every upstream attempt has exactly one cost record, and nothing is left running. Two
 * bursts, so that pooled threads (which may grow with load once) can be told from leaked ones (which grow with
 * every request).
 */
@QuarkusTest
@TestProfile(FaultMatrixProfile.class)
class FaultMatrixConcurrencyTest {
    private static final int CALLERS = 200;
    /** How much a pool may still grow in a second, identical burst; a leak would add about one per request. */
    private static final int POOL_SLACK = 8;

    private static final AtomicInteger BURSTS = new AtomicInteger();

    private static final List<String> TARGETS = FaultMatrixProfile.DEDICATED_ROUTES.get(FaultMatrixProfile.CONCURRENCY);
    private static final String PRIMARY = FaultMatrixTest.model(TARGETS.get(0));
    private static final String SECONDARY = FaultMatrixTest.model(TARGETS.get(1));

    @TestHTTPResource("/v1")
    URL base;

    @Inject
    Gateway gateway;

    @Test
    void twoHundredConcurrentCallersAllGetTheWholeAnswer() throws Exception {
        try (Caller caller = new Caller(base)) {
            // pools (HTTP clients, connections, worker threads) exist before the census is taken
            caller.warmUp();
            ThreadCensus before = settled(null);

            burst(caller);
            ThreadCensus afterFirst = settled(before);
            nothingLeftRunning(before, afterFirst);

            burst(caller);
            ThreadCensus afterSecond = settled(before);
            nothingLeftRunning(before, afterSecond);
            afterSecond
                    .families()
                    .forEach((family, n) -> assertThat(n)
                            .as("'%s' threads after a second burst (a pool, not a leak)", family)
                            .isLessThanOrEqualTo(afterFirst.count(family) + POOL_SLACK));

            System.out.printf(
                    "fault matrix, concurrency: platform threads %d -> %d -> %d, non-daemon %d -> %d -> %d,"
                            + " circuit of the failing target opened %d times%n",
                    before.platformThreads(),
                    afterFirst.platformThreads(),
                    afterSecond.platformThreads(),
                    before.nonDaemon(),
                    afterFirst.nonDaemon(),
                    afterSecond.nonDaemon(),
                    gateway.circuit(ModelRef.parse(TARGETS.get(0))).timesOpened());
        }
    }

    private static void burst(Caller caller) throws Exception {
        // every call has a cost tag of its own, so the burst's gateway requests can be found by it: also one that a
        // caller's HTTP client sent again on its own (OkHttp re-sends a request, POST too, when the connection it
        // reused breaks), whose answer no caller sees
        String tagPrefix = "fm-burst-" + BURSTS.incrementAndGet() + "-";
        int primaryBefore = requests(PRIMARY);
        int secondaryBefore = requests(SECONDARY);
        List<Seen> seen = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Seen>> futures = IntStream.range(0, CALLERS)
                    .mapToObj(i -> callers.submit(
                            () -> caller.call(FaultMatrixProfile.CONCURRENCY, i % 2 == 0, tagPrefix + i)))
                    .toList();
            for (Future<Seen> f : futures) seen.add(f.get());
        }

        assertThat(seen).as("every caller got the whole answer").allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.streamBreak()).isNull();
            assertThat(s.text()).isEqualTo(Cell.ANSWER);
        });
        Set<String> ids = seen.stream().map(Seen::requestId).collect(Collectors.toSet());
        assertThat(ids).as("distinct request ids").hasSize(CALLERS);

        int primaryAfter = requests(PRIMARY);
        int upstream = primaryAfter - primaryBefore + requests(SECONDARY) - secondaryBefore;
        List<JsonNode> records = CostLog.await(r -> tag(r).startsWith(tagPrefix), upstream);
        assertThat(records)
                .as("one cost record per request the emulator got (the burst's records, found by their tags)")
                .hasSize(upstream);
        Map<Boolean, List<JsonNode>> answered =
                records.stream().collect(Collectors.partitioningBy(r -> ids.contains(requestId(r))));
        int attemptsInHeaders =
                seen.stream().mapToInt(FaultMatrixConcurrencyTest::attempts).sum();
        assertThat(answered.get(true))
                .as("x-switchboard-attempts summed = cost records of the answered requests")
                .hasSize(attemptsInHeaders);
        Map<String, List<JsonNode>> resent =
                answered.get(false).stream().collect(Collectors.groupingBy(FaultMatrixConcurrencyTest::requestId));
        // a gateway request no caller saw is one that a caller's client sent again: its tag has an answered request
        Set<String> answeredTags =
                answered.get(true).stream().map(FaultMatrixConcurrencyTest::tag).collect(Collectors.toSet());
        assertThat(answered.get(false))
                .as("records of gateway requests no caller saw, each a call that was answered by another request")
                .allSatisfy(r -> assertThat(answeredTags).contains(tag(r)));
        // every2 fails requests 2, 4, 6, ... of the first target, counted since the emulator started
        assertThat(records.stream().filter(r -> r.path("outcome").asText().equals("upstream_error")))
                .as("failed attempts: every second request to the first target")
                .hasSize(primaryAfter / 2 - primaryBefore / 2);
        Map<String, List<JsonNode>> byRequest =
                records.stream().collect(Collectors.groupingBy(FaultMatrixConcurrencyTest::requestId));
        for (Seen s : seen) {
            List<JsonNode> mine = byRequest.getOrDefault(s.requestId(), List.of());
            assertThat(mine)
                    .extracting(r -> r.path("attempt").asInt())
                    .as("attempts of " + s.requestId())
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(1, attempts(s)).boxed().toList());
            assertThat(mine)
                    .filteredOn(r -> r.path("outcome").asText().equals("ok"))
                    .as("one ok")
                    .hasSize(1);
        }
        System.out.printf(
                "fault matrix, concurrency: %d callers, %d upstream attempts (%d to the failing target),"
                        + " %d gateway requests sent again by the callers' HTTP client %s%n",
                CALLERS, upstream, primaryAfter - primaryBefore, resent.size(), resent.keySet());
    }

    private static void nothingLeftRunning(ThreadCensus before, ThreadCensus after) {
        assertThat(after.streamPumps()).as("upstream streams still being read").isEmpty();
        assertThat(after.busyWithRequest())
                .as("threads still serving a request")
                .isEmpty();
        assertThat(after.nonDaemon()).as("non-daemon threads").isLessThanOrEqualTo(before.nonDaemon());
        // ≤, not =: the test JVM also holds other tests' idle clients, whose selector threads end whenever a GC
        // collects them; a client made per request would push the count up
        assertThat(after.count("HttpClient-#-SelectorManager"))
                .as("upstream HTTP clients")
                .isLessThanOrEqualTo(before.count("HttpClient-#-SelectorManager"));
    }

    /** The census once nothing of a request is left running (or after 5 s, to show what is). */
    private static ThreadCensus settled(ThreadCensus baseline) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        ThreadCensus now = ThreadCensus.take();
        while (System.nanoTime() < until
                && !(now.streamPumps().isEmpty()
                        && now.busyWithRequest().isEmpty()
                        && (baseline == null || now.nonDaemon() <= baseline.nonDaemon()))) {
            Thread.sleep(50);
            now = ThreadCensus.take();
        }
        return now;
    }

    private static String requestId(JsonNode record) {
        return record.path("request_id").asText();
    }

    private static String tag(JsonNode record) {
        return record.path("tags").path(0).asText();
    }

    private static int attempts(Seen s) {
        return Integer.parseInt(s.header("x-switchboard-attempts"));
    }

    private static int requests(String model) {
        return EmulatorResource.emulator().requests(model).size();
    }
}
