package dev.switchboard.core.cost.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.cost.CostRecordJson;
import dev.switchboard.core.cost.CostSink;
import dev.switchboard.core.cost.format.CostRecordSamples;
import dev.switchboard.core.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Many threads emitting at once; afterwards every line must parse and every record be there exactly once. */
final class SinkTesting {
    static final int THREADS = 16;
    static final int PER_THREAD = 300;

    private SinkTesting() {}

    static void emitConcurrently(CostSink sink) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < PER_THREAD; i++)
                    sink.emit(CostRecordSamples.withRequestId("req_" + thread + "_" + i));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) f.get();
        pool.shutdown();
    }

    static void assertEveryLineIntact(String output) {
        assertThat(output).endsWith("\n");
        List<String> lines = output.lines().toList();
        assertThat(lines).hasSize(THREADS * PER_THREAD);
        Set<String> ids = new HashSet<>();
        for (String l : lines) {
            JsonNode node = Json.parse(l);
            assertThat(CostRecordJson.fromJson(node).costUsd()).isEqualByComparingTo("0.00000015");
            ids.add(node.get("request_id").asText());
        }
        assertThat(ids).hasSize(THREADS * PER_THREAD);
    }
}
