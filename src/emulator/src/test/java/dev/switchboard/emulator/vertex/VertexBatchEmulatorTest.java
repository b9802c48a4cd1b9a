package dev.switchboard.emulator.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.aiplatform.v1.BatchPredictionJob;
import com.google.cloud.aiplatform.v1.CancelBatchPredictionJobRequest;
import com.google.cloud.aiplatform.v1.CreateBatchPredictionJobRequest;
import com.google.cloud.aiplatform.v1.GcsDestination;
import com.google.cloud.aiplatform.v1.GcsSource;
import com.google.cloud.aiplatform.v1.GetBatchPredictionJobRequest;
import com.google.cloud.aiplatform.v1.JobServiceGrpc;
import com.google.cloud.aiplatform.v1.JobState;
import com.google.cloud.aiplatform.v1.ListBatchPredictionJobsRequest;
import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.behavior.Responder;
import dev.switchboard.emulator.gcs.GcsServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JobService batch prediction jobs over plaintext gRPC, their files in the emulator's Cloud Storage. */
class VertexBatchEmulatorTest {
    private static final String PARENT = "projects/p1/locations/us-central1";

    GcsServer gcs;
    VertexServer server;
    ManagedChannel channel;
    JobServiceGrpc.JobServiceBlockingStub jobs;

    @BeforeEach
    void start() throws IOException {
        gcs = GcsServer.start();
        server = VertexServer.start(new Behavior(List.of(), 100), 0, gcs);
        channel = ManagedChannelBuilder.forTarget("127.0.0.1:" + server.port())
                .usePlaintext()
                .build();
        jobs = JobServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
        gcs.close();
    }

    private BatchPredictionJob create(String displayName, String... texts) {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            input.append("{\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"")
                    .append(texts[i])
                    .append("\"}]}],\"labels\":{\"line\":\"l")
                    .append(i + 1)
                    .append("\"}}}\n");
        }
        gcs.write("b", displayName + "/input.jsonl", input.toString().getBytes(StandardCharsets.UTF_8));
        return jobs.createBatchPredictionJob(CreateBatchPredictionJobRequest.newBuilder()
                .setParent(PARENT)
                .setBatchPredictionJob(BatchPredictionJob.newBuilder()
                        .setDisplayName(displayName)
                        .setModel("publishers/google/models/emulator")
                        .putLabels("job", displayName)
                        .setInputConfig(BatchPredictionJob.InputConfig.newBuilder()
                                .setInstancesFormat("jsonl")
                                .setGcsSource(GcsSource.newBuilder().addUris("gs://b/" + displayName + "/input.jsonl")))
                        .setOutputConfig(BatchPredictionJob.OutputConfig.newBuilder()
                                .setPredictionsFormat("jsonl")
                                .setGcsDestination(GcsDestination.newBuilder()
                                        .setOutputUriPrefix("gs://b/" + displayName + "/output/"))))
                .build());
    }

    private BatchPredictionJob get(String name) {
        return jobs.getBatchPredictionJob(
                GetBatchPredictionJobRequest.newBuilder().setName(name).build());
    }

    private List<JsonNode> predictions(BatchPredictionJob job) {
        String dir = job.getOutputInfo().getGcsOutputDirectory();
        assertThat(dir).startsWith("gs://b/");
        byte[] data = gcs.read("b", dir.substring("gs://b/".length()) + "predictions.jsonl");
        return new String(data, StandardCharsets.UTF_8).lines().map(Json::parse).toList();
    }

    @Test
    void aJobAnswersEveryLineAndEchoesItsRequest() {
        BatchPredictionJob job = create("one", "hello there", VertexBatchLines.FAIL_TEXT);
        assertThat(job.getName()).startsWith(PARENT + "/batchPredictionJobs/");
        assertThat(job.getState()).isEqualTo(JobState.JOB_STATE_PENDING);
        server.batchJobs().finish(job.getName());
        job = get(job.getName());
        assertThat(job.getState()).isEqualTo(JobState.JOB_STATE_SUCCEEDED);
        assertThat(job.getCompletionStats().getSuccessfulCount()).isEqualTo(1);
        assertThat(job.getCompletionStats().getFailedCount()).isEqualTo(1);

        List<JsonNode> lines = predictions(job);
        assertThat(lines).hasSize(2);
        JsonNode ok = lines.get(0);
        assertThat(ok.path("status").asText()).isEmpty();
        assertThat(ok.path("request").path("labels").path("line").asText()).isEqualTo("l1");
        assertThat(ok.path("response")
                        .path("candidates")
                        .get(0)
                        .path("content")
                        .path("parts")
                        .get(0)
                        .path("text")
                        .asText())
                .isEqualTo(Responder.GREETING + "hello there");
        assertThat(ok.path("response")
                        .path("usageMetadata")
                        .path("promptTokenCount")
                        .asInt())
                .isPositive();
        JsonNode failed = lines.get(1);
        assertThat(failed.path("request").path("labels").path("line").asText()).isEqualTo("l2");
        assertThat(failed.has("response")).isFalse();
        assertThat(failed.path("status").asText()).startsWith("Bad Request: {").contains("\"INVALID_ARGUMENT\"");
    }

    @Test
    void aJobProgressesWhenReadAndEndsAfterTheConfiguredReads() {
        server.batchJobs().completeAfterGets(2);
        BatchPredictionJob job = create("polled", "a");
        assertThat(get(job.getName()).getState()).isEqualTo(JobState.JOB_STATE_RUNNING);
        assertThat(get(job.getName()).getState()).isEqualTo(JobState.JOB_STATE_SUCCEEDED);

        server.batchJobs().completeAfterGets(0);
        BatchPredictionJob waiting = create("waiting", "a");
        for (int i = 0; i < 5; i++) get(waiting.getName());
        assertThat(get(waiting.getName()).getState()).isEqualTo(JobState.JOB_STATE_RUNNING);
    }

    @Test
    void anExpiredJobWritesOnlyTheLinesItAnswered() {
        BatchPredictionJob job = create("expiring", "a", "b", "c");
        server.batchJobs().expireAfter(job.getName(), 1);
        job = get(job.getName());
        assertThat(job.getState()).isEqualTo(JobState.JOB_STATE_EXPIRED);
        assertThat(job.getCompletionStats().getIncompleteCount()).isEqualTo(2);
        assertThat(predictions(job)).hasSize(1);
    }

    @Test
    void cancellingEndsAJobAndAFinishedJobCannotBeCancelled() {
        BatchPredictionJob job = create("cancelled", "a");
        jobs.cancelBatchPredictionJob(CancelBatchPredictionJobRequest.newBuilder()
                .setName(job.getName())
                .build());
        assertThat(server.batchJobs().peek(job.getName()).orElseThrow().getState())
                .isEqualTo(JobState.JOB_STATE_CANCELLING);
        assertThat(get(job.getName()).getState()).isEqualTo(JobState.JOB_STATE_CANCELLED);
        assertThatThrownBy(() -> jobs.cancelBatchPredictionJob(CancelBatchPredictionJobRequest.newBuilder()
                        .setName(job.getName())
                        .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        assertThatThrownBy(() -> get(PARENT + "/batchPredictionJobs/1"))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void listFiltersByLabelAndDisplayNameAndPages() {
        create("a1", "x");
        create("a2", "x");
        create("a3", "x");
        var page = jobs.listBatchPredictionJobs(ListBatchPredictionJobsRequest.newBuilder()
                .setParent(PARENT)
                .setFilter("labels.job=\"a2\"")
                .build());
        assertThat(page.getBatchPredictionJobsList())
                .extracting(BatchPredictionJob::getDisplayName)
                .containsExactly("a2");
        assertThat(jobs.listBatchPredictionJobs(ListBatchPredictionJobsRequest.newBuilder()
                                .setParent(PARENT)
                                .setFilter("display_name=\"a3\" AND labels.job=\"a3\"")
                                .build())
                        .getBatchPredictionJobsCount())
                .isEqualTo(1);
        var first = jobs.listBatchPredictionJobs(ListBatchPredictionJobsRequest.newBuilder()
                .setParent(PARENT)
                .setPageSize(2)
                .build());
        assertThat(first.getBatchPredictionJobsCount()).isEqualTo(2);
        var second = jobs.listBatchPredictionJobs(ListBatchPredictionJobsRequest.newBuilder()
                .setParent(PARENT)
                .setPageSize(2)
                .setPageToken(first.getNextPageToken())
                .build());
        assertThat(second.getBatchPredictionJobsList())
                .extracting(BatchPredictionJob::getDisplayName)
                .containsExactly("a3");
        assertThat(second.getNextPageToken()).isEmpty();
        assertThat(server.batchJobs().count()).isEqualTo(3);
        assertThatThrownBy(() -> jobs.listBatchPredictionJobs(ListBatchPredictionJobsRequest.newBuilder()
                        .setParent(PARENT)
                        .setFilter("state=JOB_STATE_RUNNING")
                        .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void aModelTheEmulatorDoesNotServeIsNotFoundAtCreate() {
        gcs.write("b", "in.jsonl", "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> jobs.createBatchPredictionJob(CreateBatchPredictionJobRequest.newBuilder()
                        .setParent(PARENT)
                        .setBatchPredictionJob(BatchPredictionJob.newBuilder()
                                .setDisplayName("x")
                                .setModel("publishers/google/models/gemini-2.5-flash")
                                .setInputConfig(BatchPredictionJob.InputConfig.newBuilder()
                                        .setInstancesFormat("jsonl")
                                        .setGcsSource(GcsSource.newBuilder().addUris("gs://b/in.jsonl")))
                                .setOutputConfig(BatchPredictionJob.OutputConfig.newBuilder()
                                        .setPredictionsFormat("jsonl")
                                        .setGcsDestination(
                                                GcsDestination.newBuilder().setOutputUriPrefix("gs://b/out/"))))
                        .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThat(server.batchJobs().count()).isZero();
    }
}
