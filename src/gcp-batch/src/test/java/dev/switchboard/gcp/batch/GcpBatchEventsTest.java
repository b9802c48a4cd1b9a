package dev.switchboard.gcp.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.storage.Storage;
import dev.switchboard.batch.BatchSettings;
import dev.switchboard.batch.JobIds;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.gcs.GcsServer;
import dev.switchboard.gcp.batch.GcpBatchEvents.Outcome;
import dev.switchboard.gcp.batch.store.GcsClients;
import dev.switchboard.provider.openai.OpenAiProviderFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GCP batch event handling through the real Cloud Storage client against the emulator's GCS server, with the
 * emulator as upstream: finalized-object events start jobs in the separate output bucket, re-deliveries bill
 * nothing twice, a deadline hands the job on as a continuation that the Pub/Sub event finishes. (The Cloud
 * Functions wrapper around this is not built yet.)
 */
class GcpBatchEventsTest {
    private static final String IN = "switchboard-batch-in";
    private static final String OUT = "switchboard-batch-out";
    private static Emulator emulator;
    private static GcsServer gcs;
    private static Storage storage;
    private static final List<CostRecord> COSTS = new CopyOnWriteArrayList<>();
    private static final List<String> PUBLISHED = new CopyOnWriteArrayList<>();
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc());
        gcs = GcsServer.start();
        storage = GcsClients.storage(Optional.of("switchboard-test"), Optional.of(gcs.endpoint()));
        gateway = Gateway.builder()
                .provider(OpenAiProviderFactory.compatible()
                        .create(ProviderSettings.builder("emu", "openai-compatible")
                                .baseUrl(emulator.httpBaseUri() + "/v1")
                                .build()))
                .costSink(COSTS::add)
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        storage.close();
        gcs.close();
        emulator.close();
    }

    private static GcpBatchEvents events(Duration timeout) {
        return new GcpBatchEvents(
                gateway,
                storage,
                PUBLISHED::add,
                new GcpBatchEvents.Settings(IN, OUT, "in/", timeout, BatchSettings.DEFAULT.withConcurrency(1)),
                System::nanoTime);
    }

    /** A clock that moves 1 s per reading: the budget (133 s) lets exactly two lines start (120 s + 10 s each). */
    private static GcpBatchEvents twoLinesPerInvocation() {
        AtomicLong seconds = new AtomicLong();
        return new GcpBatchEvents(
                gateway,
                storage,
                PUBLISHED::add,
                new GcpBatchEvents.Settings(
                        IN, OUT, "in/", Duration.ofSeconds(133), BatchSettings.DEFAULT.withConcurrency(1)),
                () -> Duration.ofSeconds(seconds.incrementAndGet()).toNanos());
    }

    @Test
    void aFinalizedFileRunsIntoTheOutputBucketAndARedeliveryBillsNothingTwice() {
        long generation = gcs.write(IN, "in/three.jsonl", lines(3));
        byte[] event = finalized(IN, "in/three.jsonl", generation);
        GcpBatchEvents events = events(Duration.ofSeconds(540));

        assertThat(events.handle(GcpBatchEvents.FINALIZED, event, System.nanoTime()))
                .isEqualTo(Outcome.FINISHED);

        String job = JobIds.fromInput(IN, "in/three.jsonl", Long.toString(generation));
        JsonNode batch = Json.parse(gcs.read(OUT, job + "/batch.json"));
        assertThat(batch.path("status").asText()).isEqualTo("completed");
        assertThat(batch.path("request_counts").path("completed").asInt()).isEqualTo(3);
        assertThat(new String(gcs.read(OUT, job + "/output.jsonl"), StandardCharsets.UTF_8).lines())
                .hasSize(3)
                .allSatisfy(l -> assertThat(Json.parse(l)
                                .path("response")
                                .path("status_code")
                                .asInt())
                        .isEqualTo(200));
        assertThat(costs(job)).hasSize(3);
        assertThat(gcs.read(IN, job + "/batch.json"))
                .as("nothing written to the input bucket")
                .isNull();

        // Eventarc delivers at least once
        assertThat(events.handle(GcpBatchEvents.FINALIZED, event, System.nanoTime()))
                .isEqualTo(Outcome.FINISHED);
        assertThat(costs(job)).hasSize(3);
        assertThat(PUBLISHED).noneMatch(m -> m.contains(job));
    }

    @Test
    void aDeadlineHandsTheJobOnThroughTheTopicAndThePublishedEventFinishesIt() {
        long generation = gcs.write(IN, "in/five.jsonl", lines(5));
        String job = JobIds.fromInput(IN, "in/five.jsonl", Long.toString(generation));
        GcpBatchEvents short_ = twoLinesPerInvocation();

        assertThat(short_.handle(GcpBatchEvents.FINALIZED, finalized(IN, "in/five.jsonl", generation), 0))
                .isEqualTo(Outcome.CONTINUED);
        assertThat(costs(job)).hasSize(2);
        String continuation =
                PUBLISHED.stream().filter(m -> m.contains(job)).findFirst().orElseThrow();
        assertThat(Json.parse(gcs.read(OUT, job + "/batch.json")).path("status").asText())
                .isEqualTo("in_progress");

        Outcome next = events(Duration.ofSeconds(540))
                .handle(GcpBatchEvents.PUBLISHED, GcpBatchEvents.publishedEventData(continuation), System.nanoTime());

        assertThat(next).isEqualTo(Outcome.FINISHED);
        assertThat(Json.parse(gcs.read(OUT, job + "/batch.json")).path("status").asText())
                .isEqualTo("completed");
        assertThat(costs(job))
                .as("each line billed once across the two invocations")
                .hasSize(5);
    }

    @Test
    void otherObjectsOtherBucketsAndForeignMessagesAreIgnored() {
        GcpBatchEvents events = events(Duration.ofSeconds(540));
        long g = gcs.write(IN, "notes/readme.jsonl", lines(1));
        assertThat(events.handle(GcpBatchEvents.FINALIZED, finalized(IN, "notes/readme.jsonl", g), System.nanoTime()))
                .isEqualTo(Outcome.IGNORED);
        long h = gcs.write(IN, "in/data.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));
        assertThat(events.handle(GcpBatchEvents.FINALIZED, finalized(IN, "in/data.csv", h), System.nanoTime()))
                .isEqualTo(Outcome.IGNORED);
        assertThat(events.handle(GcpBatchEvents.FINALIZED, finalized(OUT, "in/x.jsonl", 1), System.nanoTime()))
                .isEqualTo(Outcome.IGNORED);
        assertThat(events.handle(
                        GcpBatchEvents.PUBLISHED,
                        GcpBatchEvents.publishedEventData("{\"hello\":1}"),
                        System.nanoTime()))
                .isEqualTo(Outcome.IGNORED);
        assertThat(events.handle(
                        "google.cloud.audit.log.v1.written", "{}".getBytes(StandardCharsets.UTF_8), System.nanoTime()))
                .isEqualTo(Outcome.IGNORED);
    }

    @Test
    void theObjectsModeMetadataBecomesTheJobsMode() {
        long generation = gcs.write(IN, "in/with-mode.jsonl", lines(1));
        var event = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.parse(finalized(IN, "in/with-mode.jsonl", generation));
        event.putObject("metadata").put("switchboard-mode", " SYNC ");

        assertThat(events(Duration.ofSeconds(540))
                        .handle(GcpBatchEvents.FINALIZED, Json.bytes(event), System.nanoTime()))
                .isEqualTo(Outcome.FINISHED);

        String job = JobIds.fromInput(IN, "in/with-mode.jsonl", Long.toString(generation));
        JsonNode batch = Json.parse(gcs.read(OUT, job + "/batch.json"));
        assertThat(batch.path("metadata").path("mode").asText()).isEqualTo("sync");
        assertThat(batch.path("metadata").path("input").asText()).isEqualTo("gs://" + IN + "/in/with-mode.jsonl");
    }

    @Test
    void theSchedulersPollLeavesASyncJobInProgressToItsContinuation() {
        long generation = gcs.write(IN, "in/four.jsonl", lines(4));
        String job = JobIds.fromInput(IN, "in/four.jsonl", Long.toString(generation));
        GcpBatchEvents short_ = twoLinesPerInvocation();
        assertThat(short_.handle(GcpBatchEvents.FINALIZED, finalized(IN, "in/four.jsonl", generation), 0))
                .isEqualTo(Outcome.CONTINUED);
        assertThat(costs(job)).hasSize(2);
        long published = PUBLISHED.size();

        Outcome poll = events(Duration.ofSeconds(540))
                .handle(GcpBatchEvents.PUBLISHED, GcpBatchEvents.publishedEventData(POLL), System.nanoTime());

        assertThat(poll).isEqualTo(Outcome.POLLED);
        assertThat(costs(job)).hasSize(2);
        assertThat(PUBLISHED).hasSize((int) published);
        assertThat(Json.parse(gcs.read(OUT, job + "/batch.json")).path("status").asText())
                .isEqualTo("in_progress");
    }

    /** What Cloud Scheduler publishes (terraform/gcp batch_native.tf). */
    static final String POLL = "{\"type\":\"switchboard.batch.poll\"}";

    private static List<CostRecord> costs(String job) {
        return COSTS.stream().filter(r -> job.equals(r.batchJobId())).toList();
    }

    /** The data of a Cloud Storage finalized event (StorageObjectData, as Eventarc sends it). */
    private static byte[] finalized(String bucket, String name, long generation) {
        var n = Json.object();
        n.put("kind", "storage#object")
                .put("id", bucket + "/" + name + "/" + generation)
                .put("name", name)
                .put("bucket", bucket)
                .put("generation", Long.toString(generation))
                .put("metageneration", "1")
                .put("contentType", "application/jsonl")
                .put("size", "100")
                .put("storageClass", "STANDARD")
                .put("timeCreated", "2026-12-01T22:00:00.000Z")
                .put("updated", "2026-12-01T22:00:00.000Z");
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] lines(int n) {
        StringBuilder sb = new StringBuilder();
        IntStream.rangeClosed(1, n)
                .forEach(i -> sb.append("{\"custom_id\":\"req-")
                        .append(i)
                        .append(
                                "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"emu/emulator-1\",")
                        .append("\"messages\":[{\"role\":\"user\",\"content\":\"line ")
                        .append(i)
                        .append("\"}]}}\n"));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
