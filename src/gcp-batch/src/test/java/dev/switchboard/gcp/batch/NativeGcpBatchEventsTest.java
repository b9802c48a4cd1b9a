package dev.switchboard.gcp.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.storage.Storage;
import dev.switchboard.batch.BatchSettings;
import dev.switchboard.batch.JobIds;
import dev.switchboard.batch.testing.FakeNativeBatchApi;
import dev.switchboard.batch.testing.WithNativeBatch;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.nativebatch.NativeResult;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.gcs.GcsServer;
import dev.switchboard.emulator.vertex.VertexServer;
import dev.switchboard.gcp.batch.GcpBatchEvents.Outcome;
import dev.switchboard.gcp.batch.store.GcsClients;
import dev.switchboard.provider.openai.OpenAiProviderFactory;
import dev.switchboard.provider.vertex.VertexProvider;
import dev.switchboard.provider.vertex.VertexProviderFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A native job (object metadata {@code switchboard-mode: native}) on GCP with the provider's batch API in memory:
 * the finalized event submits the provider job and is acknowledged as waiting without a continuation (Pub/Sub cannot
 * delay one); Cloud Scheduler's poll runs it until the provider job ends and collects it; re-delivered events and
 * polls make no second provider job and no second cost record.
 */
class NativeGcpBatchEventsTest {
    private static final String IN = "switchboard-native-in";
    private static final String OUT = "switchboard-native-out";
    private static final FakeNativeBatchApi API = new FakeNativeBatchApi("nat");
    private static final List<CostRecord> COSTS = new CopyOnWriteArrayList<>();
    private static final List<String> PUBLISHED = new CopyOnWriteArrayList<>();
    private static Emulator emulator;
    private static GcsServer gcs;
    private static Storage storage;
    private static GcpBatchEvents events;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc());
        gcs = GcsServer.start();
        storage = GcsClients.storage(Optional.of("switchboard-test"), Optional.of(gcs.endpoint()));
        Gateway gateway = Gateway.builder()
                .provider(new WithNativeBatch(
                        OpenAiProviderFactory.compatible()
                                .create(ProviderSettings.builder("nat", "openai-compatible")
                                        .baseUrl(emulator.httpBaseUri() + "/v1")
                                        .build()),
                        API))
                .costSink(COSTS::add)
                .build();
        events = new GcpBatchEvents(
                gateway,
                storage,
                PUBLISHED::add,
                new GcpBatchEvents.Settings(
                        IN, OUT, "in/", Duration.ofSeconds(540), BatchSettings.DEFAULT.withConcurrency(1)),
                System::nanoTime);
    }

    @AfterAll
    static void stop() throws Exception {
        storage.close();
        gcs.close();
        emulator.close();
    }

    @Test
    void theSchedulersPollRunsAWaitingJobUntilItIsCollectedOnce() {
        long generation = gcs.write(IN, "in/native.jsonl", lines(3));
        byte[] finalized = finalized("in/native.jsonl", generation, "native");
        String job = JobIds.fromInput(IN, "in/native.jsonl", Long.toString(generation));

        assertThat(handle(GcpBatchEvents.FINALIZED, finalized)).isEqualTo(Outcome.WAITING);
        assertThat(API.jobsOf(job)).hasSize(1);
        assertThat(PUBLISHED).as("nothing handed on: the schedule polls").isEmpty();
        JsonNode batch = Json.parse(gcs.read(OUT, job + "/batch.json"));
        assertThat(batch.path("mode").asText()).isEqualTo("native");
        assertThat(batch.path("status").asText()).isEqualTo("in_progress");

        // Eventarc's redelivery and a poll while the provider job runs: no second job, nothing billed
        assertThat(handle(GcpBatchEvents.FINALIZED, finalized)).isEqualTo(Outcome.WAITING);
        assertThat(poll()).isEqualTo(Outcome.POLLED);
        assertThat(API.jobsOf(job)).hasSize(1);
        assertThat(costs(job)).isEmpty();

        NativeJob providerJob = API.jobsOf(job).get(0);
        API.finish(providerJob);
        assertThat(poll()).isEqualTo(Outcome.POLLED);

        JsonNode done = Json.parse(gcs.read(OUT, job + "/batch.json"));
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("request_counts").path("completed").asInt()).isEqualTo(3);
        assertThat(new String(gcs.read(OUT, job + "/output.jsonl"), StandardCharsets.UTF_8).lines())
                .hasSize(3)
                .allSatisfy(l -> assertThat(Json.parse(l)
                                .at("/response/body/choices/0/message/content")
                                .asText())
                        .startsWith(FakeNativeBatchApi.GREETING));
        assertThat(costs(job)).hasSize(3).allSatisfy(r -> {
            assertThat(r.billing()).isEqualTo(CostRecord.BATCH);
            assertThat(r.providerJobId()).isEqualTo(providerJob.providerJobId());
        });

        // two polls racing and a late redelivery after the end: nothing more
        assertThat(poll()).isEqualTo(Outcome.POLLED);
        assertThat(poll()).isEqualTo(Outcome.POLLED);
        assertThat(handle(GcpBatchEvents.FINALIZED, finalized)).isEqualTo(Outcome.FINISHED);
        assertThat(API.jobsOf(job)).hasSize(1);
        assertThat(costs(job)).hasSize(3);
        assertThat(PUBLISHED).isEmpty();
    }

    @Test
    void endToEndWithTheVertexBatchEmulatorThroughTheRealProvider() throws Exception {
        try (VertexServer vertex = VertexServer.start(new Behavior(List.of(), 100), 0, gcs);
                VertexProvider provider = (VertexProvider) new VertexProviderFactory()
                        .create(ProviderSettings.builder("vx", "vertex")
                                .project("p1")
                                .location("us-central1")
                                .endpoint("127.0.0.1:" + vertex.port())
                                .plaintext(true)
                                .batch(Map.of(
                                        "bucket", "switchboard-native-files",
                                        "prefix", "vertex/",
                                        "storage-endpoint", gcs.endpoint().toString()))
                                .build())) {
            vertex.batchJobs().completeAfterGets(0); // only finish() ends a job: the test decides when
            List<CostRecord> costs = new CopyOnWriteArrayList<>();
            GcpBatchEvents vertexEvents = new GcpBatchEvents(
                    Gateway.builder()
                            .provider(new WithNativeBatch(
                                    provider,
                                    new EmulatorModels(provider.nativeBatch().orElseThrow())))
                            .costSink(costs::add)
                            .build(),
                    storage,
                    PUBLISHED::add,
                    new GcpBatchEvents.Settings(IN, OUT, "in/", Duration.ofSeconds(540), BatchSettings.DEFAULT),
                    System::nanoTime);
            long generation = gcs.write(IN, "in/vertex.jsonl", lines(3, "vx/emulator"));
            byte[] finalized = finalized("in/vertex.jsonl", generation, "native");
            String job = JobIds.fromInput(IN, "in/vertex.jsonl", Long.toString(generation));
            Outcome poll;

            assertThat(vertexEvents.handle(GcpBatchEvents.FINALIZED, finalized, System.nanoTime()))
                    .as(() -> new String(gcs.read(OUT, job + "/batch.json"), StandardCharsets.UTF_8))
                    .isEqualTo(Outcome.WAITING);
            assertThat(vertex.batchJobs().count()).isEqualTo(1);
            String providerJob = Json.parse(gcs.read(OUT, job + "/batch.json"))
                    .path("provider_batch_id")
                    .asText();
            assertThat(providerJob).isNotEmpty();
            poll = vertexEvents.handle(
                    GcpBatchEvents.PUBLISHED,
                    GcpBatchEvents.publishedEventData(GcpBatchEventsTest.POLL),
                    System.nanoTime());
            assertThat(poll).isEqualTo(Outcome.POLLED);
            assertThat(costs).isEmpty();

            vertex.batchJobs().finish(providerJob);
            vertexEvents.handle(
                    GcpBatchEvents.PUBLISHED,
                    GcpBatchEvents.publishedEventData(GcpBatchEventsTest.POLL),
                    System.nanoTime());
            vertexEvents.handle(
                    GcpBatchEvents.PUBLISHED,
                    GcpBatchEvents.publishedEventData(GcpBatchEventsTest.POLL),
                    System.nanoTime());
            assertThat(vertexEvents.handle(GcpBatchEvents.FINALIZED, finalized, System.nanoTime()))
                    .isEqualTo(Outcome.FINISHED);

            JsonNode done = Json.parse(gcs.read(OUT, job + "/batch.json"));
            assertThat(done.path("status").asText()).isEqualTo("completed");
            assertThat(done.path("request_counts").path("completed").asInt()).isEqualTo(3);
            assertThat(new String(gcs.read(OUT, job + "/output.jsonl"), StandardCharsets.UTF_8).lines())
                    .extracting(l -> Json.parse(l).path("custom_id").asText())
                    .containsExactlyInAnyOrder("req-1", "req-2", "req-3");
            assertThat(vertex.batchJobs().count())
                    .as("one Vertex job across every delivery")
                    .isEqualTo(1);
            assertThat(costs.stream().filter(r -> job.equals(r.batchJobId())))
                    .hasSize(3)
                    .allSatisfy(r -> assertThat(r.billing()).isEqualTo(CostRecord.BATCH));
        }
    }

    /**
     * The real Vertex batch API, except that it takes the emulator's model names: Vertex batch runs Gemini models only
     * and says so in {@code unsupported}, while the emulator serves {@code emulator*} names only.
     */
    record EmulatorModels(NativeBatchApi vertex) implements NativeBatchApi {
        @Override
        public String provider() {
            return vertex.provider();
        }

        @Override
        public Optional<String> unsupported(ChatRequest request) {
            return request.model().startsWith("emulator") ? Optional.empty() : vertex.unsupported(request);
        }

        @Override
        public int minRequests() {
            return vertex.minRequests();
        }

        @Override
        public int maxRequests() {
            return vertex.maxRequests();
        }

        @Override
        public Optional<NativeJob> find(String jobId) {
            return vertex.find(jobId);
        }

        @Override
        public NativeJob create(String jobId, List<NativeRequest> requests) {
            return vertex.create(jobId, requests);
        }

        @Override
        public NativeJob refresh(NativeJob job) {
            return vertex.refresh(job);
        }

        @Override
        public void cancel(NativeJob job) {
            vertex.cancel(job);
        }

        @Override
        public void results(NativeJob job, Consumer<NativeResult> sink) {
            vertex.results(job, sink);
        }
    }

    private static Outcome poll() {
        return handle(GcpBatchEvents.PUBLISHED, GcpBatchEvents.publishedEventData(GcpBatchEventsTest.POLL));
    }

    private static Outcome handle(String type, byte[] data) {
        return events.handle(type, data, System.nanoTime());
    }

    private static List<CostRecord> costs(String job) {
        return COSTS.stream().filter(r -> job.equals(r.batchJobId())).toList();
    }

    private static byte[] finalized(String name, long generation, String mode) {
        ObjectNode n = Json.object();
        n.put("kind", "storage#object")
                .put("name", name)
                .put("bucket", IN)
                .put("generation", Long.toString(generation))
                .put("contentType", "application/jsonl");
        n.putObject("metadata").put(GcpBatchEvents.MODE_METADATA, mode);
        return Json.bytes(n);
    }

    private static byte[] lines(int n) {
        return lines(n, "nat/emulator-1");
    }

    private static byte[] lines(int n, String model) {
        StringBuilder sb = new StringBuilder();
        IntStream.rangeClosed(1, n)
                .forEach(i -> sb.append("{\"custom_id\":\"req-")
                        .append(i)
                        .append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{")
                        .append("\"model\":\"")
                        .append(model)
                        .append("\",\"messages\":[{\"role\":\"user\",\"content\":\"line ")
                        .append(i)
                        .append("\"}]}}\n"));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
