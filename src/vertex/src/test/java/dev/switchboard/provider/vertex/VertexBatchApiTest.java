package dev.switchboard.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.aiplatform.v1.BatchPredictionJob;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.nativebatch.NativeResult;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.gcs.GcsServer;
import dev.switchboard.emulator.vertex.VertexServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The native batch contract for Vertex: the real JobServiceClient (plaintext gRPC) and Cloud Storage client against
 * the emulator's JobService and Cloud Storage server, fresh for every test; then what is particular to Vertex (the
 * job and file shapes, matching by label, jobs that finish while polled, refused creates).
 */
class VertexBatchApiTest extends NativeBatchApiContract {
    static final String BUCKET = "batch-bucket";

    GcsServer gcs;
    VertexServer vertex;
    VertexProvider provider;

    @BeforeEach
    void start() throws IOException {
        gcs = GcsServer.start();
        vertex = VertexServer.start(new Behavior(List.of(), 100), 0, gcs);
        provider = provider(gcs, vertex, Map.of());
    }

    /** A Vertex provider against the emulator with native batch into {@link #BUCKET}. */
    static VertexProvider provider(GcsServer gcs, VertexServer vertex, Map<String, String> extra) {
        Map<String, String> batch = new java.util.HashMap<>(Map.of(
                "bucket",
                BUCKET,
                "prefix",
                "jobs",
                "storage-endpoint",
                gcs.endpoint().toString()));
        batch.putAll(extra);
        return (VertexProvider) new VertexProviderFactory()
                .create(ProviderSettings.builder("vx", "vertex")
                        .project("p1")
                        .location("us-central1")
                        .endpoint("127.0.0.1:" + vertex.port())
                        .plaintext(true)
                        .batch(batch)
                        .build());
    }

    @AfterEach
    void stop() {
        provider.close();
        vertex.close();
        gcs.close();
    }

    @Override
    protected NativeBatchApi api() {
        return provider.nativeBatch().orElseThrow();
    }

    @Override
    protected String model() {
        return "emulator";
    }

    @Override
    protected void finish(NativeJob job) {
        vertex.batchJobs().finish(job.providerJobId());
    }

    @Override
    protected void expireAfter(NativeJob job, int answered) {
        vertex.batchJobs().expireAfter(job.providerJobId(), answered);
    }

    @Override
    protected int providerJobCount() {
        return vertex.batchJobs().count();
    }

    private List<NativeRequest> lines(int n) {
        List<NativeRequest> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(new NativeRequest(NativeRequest.forLine(i), request("line " + i)));
        return out;
    }

    private Map<String, NativeResult> results(NativeJob job) {
        Map<String, NativeResult> out = new LinkedHashMap<>();
        api().results(job, r -> assertThat(out.put(r.lineId(), r)).isNull());
        return out;
    }

    private NativeJob poll(NativeJob job) {
        for (int i = 0; i < 20 && !job.state().terminal(); i++) job = api().refresh(job);
        return job;
    }

    @Test
    void theJobAndItsInputFileAreWhatVertexExpects() {
        NativeJob job = api().create("batch_shape", lines(2));
        BatchPredictionJob held = vertex.batchJobs().peek(job.providerJobId()).orElseThrow();
        assertThat(held.getDisplayName()).isEqualTo("batch_shape");
        assertThat(held.getModel()).isEqualTo("publishers/google/models/emulator");
        assertThat(held.getLabelsMap())
                .containsEntry("switchboard_job", "batch_shape")
                .containsEntry("switchboard_lines", "2");
        assertThat(held.getInputConfig().getInstancesFormat()).isEqualTo("jsonl");
        assertThat(held.getInputConfig().getGcsSource().getUrisList())
                .containsExactly("gs://batch-bucket/jobs/batch_shape/input.jsonl");
        assertThat(held.getOutputConfig().getPredictionsFormat()).isEqualTo("jsonl");
        assertThat(held.getOutputConfig().getGcsDestination().getOutputUriPrefix())
                .isEqualTo("gs://batch-bucket/jobs/batch_shape/output/");
        assertThat(job.total()).isEqualTo(2);

        List<String> input = new String(gcs.read(BUCKET, "jobs/batch_shape/input.jsonl"), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(input).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode request = Json.parse(input.get(i)).get("request");
            assertThat(request.has("model")).as("the job names the model").isFalse();
            assertThat(request.path("labels").path("switchboard_line").asText()).isEqualTo("l" + (i + 1));
            assertThat(request.path("contents")
                            .get(0)
                            .path("parts")
                            .get(0)
                            .path("text")
                            .asText())
                    .isEqualTo("line " + (i + 1));
            assertThat(request.path("generationConfig").path("maxOutputTokens").asInt())
                    .isEqualTo(64);
        }
    }

    @Test
    void resultsAreMatchedByTheLabelNeverByPosition() {
        NativeJob job = api().create("batch_shuffled", lines(3));
        finish(job);
        job = poll(job);
        String dir = job.handles().get("output");
        String file = dir.substring(("gs://" + BUCKET + "/").length()) + "predictions.jsonl";
        List<String> written = new ArrayList<>(new String(gcs.read(BUCKET, file), StandardCharsets.UTF_8)
                .lines()
                .toList());
        List<String> shuffled = new ArrayList<>(List.of(written.get(2), written.get(0), written.get(1)));
        // a second answer for l1 (Vertex retried it) and a line that names no line of ours
        shuffled.add(written.get(1).replace("\"switchboard_line\":\"l2\"", "\"switchboard_line\":\"l1\""));
        shuffled.add(written.get(0).replace("\"switchboard_line\":\"l1\"", "\"other\":\"x\""));
        assertThat(shuffled.get(3)).contains("\"switchboard_line\":\"l1\"").contains("line 2");
        assertThat(shuffled.get(4)).doesNotContain("switchboard_line");
        gcs.write(BUCKET, file, (String.join("\n", shuffled) + "\n").getBytes(StandardCharsets.UTF_8));

        Map<String, NativeResult> results = results(job);
        assertThat(results).containsOnlyKeys("l1", "l2", "l3");
        for (int i = 1; i <= 3; i++) {
            assertThat(results.get("l" + i).response().text()).contains("line " + i);
        }
    }

    @Test
    void aJobFinishesByItselfWhilePolled() {
        NativeJob job = api().create("batch_polled", lines(2));
        assertThat(job.state()).isEqualTo(NativeJob.State.PENDING);
        job = api().refresh(job);
        assertThat(job.state()).isEqualTo(NativeJob.State.RUNNING);
        job = poll(job);
        assertThat(job.state()).isEqualTo(NativeJob.State.COMPLETED);
        assertThat(job.succeeded()).isEqualTo(2);
        assertThat(job.failed()).isZero();
        assertThat(results(job)).containsOnlyKeys("l1", "l2");
    }

    @Test
    void aFailedLineCarriesVertexsErrorMapped() {
        NativeJob job = api().create("batch_failed_line", List.of(new NativeRequest("l1", request(FAIL_TEXT))));
        finish(job);
        NativeResult r = results(poll(job)).get("l1");
        assertThat(r.error()).isInstanceOf(InvalidRequest.class);
        assertThat(r.error().httpStatus()).isEqualTo(400);
        assertThat(r.error().getMessage()).startsWith("vx: ");
    }

    @Test
    void aRefusedCreateLeavesNoJobAndNoInputFile() {
        List<NativeRequest> unknownModel = List.of(new NativeRequest(
                "l1",
                ChatRequest.builder()
                        .model("gemini-not-served")
                        .messages(List.of(Message.user("hi")))
                        .build()));
        assertThatThrownBy(() -> api().create("batch_refused", unknownModel)).isInstanceOf(ModelNotFound.class);
        assertThat(providerJobCount()).isZero();
        assertThat(gcs.names(BUCKET, "")).isEmpty();
    }

    @Test
    void aJobWhoseInputVanishedFailsWithVertexsReason() {
        NativeJob job = api().create("batch_no_input", lines(1));
        gcs.write(BUCKET, "unrelated", new byte[0]);
        try (var storage = VertexBatchFiles.client("p1", gcs.endpoint())) {
            storage.delete(BUCKET, "jobs/batch_no_input/input.jsonl");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        finish(job);
        job = poll(job);
        assertThat(job.state()).isEqualTo(NativeJob.State.FAILED);
        assertThat(job.message()).contains("input");
        assertThat(results(job)).isEmpty();
    }

    @Test
    void jobIdsThatAreNoLabelValuesAreFoundByTheirExactId() {
        NativeJob upper = api().create("Batch_A", lines(1));
        NativeJob lower = api().create("batch_a", lines(1));
        assertThat(vertex.batchJobs().peek(upper.providerJobId()).orElseThrow().getLabelsMap())
                .containsEntry("switchboard_job", "batch_a");
        assertThat(api().find("Batch_A"))
                .get()
                .extracting(NativeJob::providerJobId)
                .isEqualTo(upper.providerJobId());
        assertThat(api().find("batch_a"))
                .get()
                .extracting(NativeJob::providerJobId)
                .isEqualTo(lower.providerJobId());
    }

    @Test
    void findPicksTheNewestOfSeveralJobs() {
        api().create("batch_twice", lines(1));
        NativeJob second = api().create("batch_twice", lines(1));
        assertThat(api().find("batch_twice"))
                .get()
                .extracting(NativeJob::providerJobId)
                .isEqualTo(second.providerJobId());
    }

    @Test
    void noBucketOrDisabledMeansNoNativeBatch() {
        try (VertexProvider none = (VertexProvider) new VertexProviderFactory()
                        .create(ProviderSettings.builder("vx", "vertex")
                                .project("p1")
                                .location("us-central1")
                                .endpoint("127.0.0.1:" + vertex.port())
                                .plaintext(true)
                                .build());
                VertexProvider off = provider(gcs, vertex, Map.of("enabled", "false"))) {
            assertThat(none.nativeBatch()).isEmpty();
            assertThat(off.nativeBatch()).isEmpty();
        }
    }
}
