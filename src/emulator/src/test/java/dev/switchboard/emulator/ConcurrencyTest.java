package dev.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.aiplatform.v1.Content;
import com.google.cloud.aiplatform.v1.GenerateContentRequest;
import com.google.cloud.aiplatform.v1.Part;
import com.google.cloud.aiplatform.v1.PredictionServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** 200 requests at once across all five protocols, streams and gRPC included, with a per-model fault gate. */
class ConcurrencyTest {

    @Test
    void twoHundredConcurrentRequests() throws Exception {
        try (Emulator emulator = Emulator.start(EmulatorOptions.defaults())) {
            TestHttp http = new TestHttp(emulator.httpBaseUri());
            ManagedChannel channel = ManagedChannelBuilder.forTarget(emulator.grpcTarget())
                    .usePlaintext()
                    .build();
            var vertex = PredictionServiceGrpc.newBlockingStub(channel);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 200; i++) {
                    int n = i;
                    results.add(pool.submit(() -> {
                        go.await();
                        return call(http, vertex, n);
                    }));
                }
                go.countDown();
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

            assertThat(outcomes.stream().filter(o -> o.startsWith("ok"))).hasSize(200 - 20);
            // 40 requests went to the gated model; exactly its first 20 failed, however they interleaved
            assertThat(outcomes.stream().filter(o -> o.equals("503"))).hasSize(20);
            assertThat(emulator.requests()).hasSize(200);
            assertThat(emulator.requestCount("emulator-fault-503-first20")).isEqualTo(40);
        }
    }

    private static String call(TestHttp http, PredictionServiceGrpc.PredictionServiceBlockingStub vertex, int n) {
        String text = "request " + n;
        return switch (n % 5) {
            case 0 -> {
                HttpResponse<String> r = http.post("/v1/chat/completions", """
                        {"model":"emulator-fault-503-first20","stream":%s,"messages":[{"role":"user","content":"%s"}]}""".formatted(n % 2 == 0, text));
                yield r.statusCode() == 200
                                && r.body().contains("request")
                                && r.body().contains(String.valueOf(n))
                        ? "ok"
                        : String.valueOf(r.statusCode());
            }
            case 1 -> ok(http.post("/v1/messages", """
                    {"model":"emulator-1","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"%s"}]}""".formatted(text), "anthropic-version", "2023-06-01"), n);
            case 2 ->
                ok(
                        http.post(
                                "/v1beta/models/emulator-1:streamGenerateContent?alt=sse",
                                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + text + "\"}]}]}"),
                        n);
            case 3 ->
                ok(
                        http.post(
                                "/model/emulator-1/converse",
                                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + text + "\"}]}]}"),
                        n);
            default -> {
                var response = vertex.withDeadlineAfter(20, TimeUnit.SECONDS)
                        .generateContent(GenerateContentRequest.newBuilder()
                                .setModel("projects/p/locations/l/publishers/google/models/emulator-1")
                                .addContents(Content.newBuilder()
                                        .setRole("user")
                                        .addParts(Part.newBuilder().setText(text)))
                                .build());
                yield response.getCandidates(0)
                                .getContent()
                                .getParts(0)
                                .getText()
                                .endsWith(text)
                        ? "ok"
                        : "wrong answer";
            }
        };
    }

    /** The answer echoes the request's own text: no cross-talk between concurrent exchanges. */
    private static String ok(HttpResponse<String> r, int n) {
        return r.statusCode() == 200 && r.body().contains(" " + n) ? "ok" : "HTTP " + r.statusCode();
    }
}
