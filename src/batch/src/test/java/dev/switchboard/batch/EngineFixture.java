package dev.switchboard.batch;

import dev.switchboard.batch.format.BatchEndpoint;
import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.batch.store.BlobStore;
import dev.switchboard.batch.store.LocalDirectoryStore;
import dev.switchboard.batch.testing.WithNativeBatch;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.PriceQuote;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.routing.CircuitBreakerConfig;
import dev.switchboard.core.routing.RetryPolicy;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.testing.FakeTime;
import dev.switchboard.testing.ScriptedProvider;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A gateway on a fake clock with scripted providers: {@code openai} answers {@code "echo:<prompt>"} (10 input, 2
 * output tokens, one micro-dollar per input token) unless a test scripts it; route {@code main} is openai/a with
 * fallback to openai/b, no retries. Every call is counted per prompt (= the line's custom id in {@link #line}).
 */
final class EngineFixture {
    final FakeTime time = new FakeTime();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    final List<CostRecord> records = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> callsByPrompt = new ConcurrentHashMap<>();
    final ScriptedProvider openai = new ScriptedProvider("openai", "openai").time(time::advance);
    final Path dir;
    BlobStore store;
    /** The batch API of provider {@code openai}; null: it has none. */
    NativeBatchApi openaiBatch;
    /** More providers of the gateway (e.g. one with a batch API, one without). */
    final List<ChatProvider> extraProviders = new ArrayList<>();

    volatile Function<ChatRequest, ScriptedProvider.Step> script =
            r -> ScriptedProvider.Step.answer("echo:" + prompt(r), Usage.of(10, 2));

    EngineFixture(Path dir) {
        this.dir = dir;
        this.store = new LocalDirectoryStore(dir.resolve("store"));
        openai.otherwise(r -> {
            callsByPrompt.computeIfAbsent(prompt(r), k -> new AtomicInteger()).incrementAndGet();
            return script.apply(r);
        });
    }

    static String prompt(ChatRequest r) {
        return r.messages().get(r.messages().size() - 1).text();
    }

    Gateway gateway() {
        return Gateway.builder()
                .provider(openaiBatch == null ? openai : new WithNativeBatch(openai, openaiBatch))
                .providers(extraProviders)
                .route(new Route("main", List.of(RouteTarget.of("openai/a"), RouteTarget.of("openai/b")))
                        .withRetry(RetryPolicy.NONE))
                .ticker(time.ticker())
                .sleeper(time.sleeper())
                .jitter(() -> 0.5)
                .clock(clock)
                .circuitBreakers(CircuitBreakerConfig.DISABLED)
                .costSink(records::add)
                // batch rates are half the real-time ones
                .pricer(req -> new PriceQuote(
                        new BigDecimal(req.usage().inputTokens())
                                .movePointLeft(6)
                                .multiply(req.batch() ? new BigDecimal("0.5") : BigDecimal.ONE),
                        "test-v1",
                        true))
                .build();
    }

    static BatchSettings settings(int concurrency) {
        return BatchSettings.DEFAULT
                .withConcurrency(concurrency)
                .withControlPoll(Duration.ZERO)
                .withProgressEvery(1);
    }

    BatchEngine engine(BatchSettings settings) {
        return new BatchEngine(gateway(), store, settings, clock, time.ticker(), time.sleeper());
    }

    /** A chat-completions line on route main whose prompt is its custom id. */
    static String line(String customId) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"main\",\"messages\":[{\"role\":\"user\",\"content\":\"" + customId + "\"}]}}";
    }

    /** A chat-completions line on {@code model} saying {@code text}, with custom id {@code customId}. */
    static String line(String customId, String model, String text) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                + "\"}]}}";
    }

    BatchObject submit(BatchEngine engine, String id, Map<String, String> metadata) {
        return engine.submit(new JobRequest(id, "file-in", BatchEndpoint.CHAT_COMPLETIONS, "24h", metadata));
    }

    static List<String> lines(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(line("req-" + i));
        return out;
    }

    InputSource input(List<String> lines) throws Exception {
        Path file = Files.createTempFile(dir, "in", ".jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return InputSource.file(file);
    }

    BatchObject submit(BatchEngine engine, String id) {
        return engine.submit(
                new JobRequest(id, "file-in", BatchEndpoint.CHAT_COMPLETIONS, "24h", Map.of("team", "data")));
    }

    List<String> fileLines(BatchEngine engine, String key) {
        return engine.store()
                .get(key)
                .map(b -> new String(b, StandardCharsets.UTF_8).lines().toList())
                .orElse(List.of());
    }

    int calls(String prompt) {
        AtomicInteger n = callsByPrompt.get(prompt);
        return n == null ? 0 : n.get();
    }

    int totalCalls() {
        return callsByPrompt.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
