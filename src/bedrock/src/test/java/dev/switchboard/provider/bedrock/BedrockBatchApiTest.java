package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.nativebatch.NativeResult;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.emulator.Emulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bedrock specifics of native batch jobs beyond the shared contract: idempotency, files, lifecycle, limits. */
class BedrockBatchApiTest {
    private static final String MODEL = "us.anthropic.emulator-1";

    private BatchRig rig;
    private Emulator emulator;

    @BeforeEach
    void start() {
        rig = BatchRig.start();
        emulator = rig.emulator;
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private NativeBatchApi api() {
        return rig.api();
    }

    private static List<NativeRequest> lines(int n) {
        List<NativeRequest> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(new NativeRequest(NativeRequest.forLine(i), request("line " + i)));
        return out;
    }

    private static ChatRequest request(String text) {
        return ChatRequest.builder()
                .model(MODEL)
                .messages(List.of(Message.system("Be brief."), Message.user(text)))
                .maxTokens(64)
                .user("end-user-7")
                .build();
    }

    @Test
    void aRepeatedCreateForTheSameJobReturnsTheSameProviderJob() {
        NativeJob first = api().create("batch_0190dup", lines(2));
        NativeJob again = api().create("batch_0190dup", lines(2));
        assertThat(again.providerJobId()).isEqualTo(first.providerJobId());
        assertThat(emulator.bedrockBatch().jobCount()).isEqualTo(1);
    }

    @Test
    void aCreateWhoseAnswerWasLostAdoptsTheJobBedrockMade() {
        emulator.bedrockBatch().loseNextCreateAnswer();
        NativeJob job = api().create("batch_0190lost", lines(2));
        assertThat(emulator.bedrockBatch().jobCount()).isEqualTo(1);
        assertThat(emulator.bedrockBatch().status(job.providerJobId())).isPresent();
        assertThat(api().find("batch_0190lost").orElseThrow().providerJobId()).isEqualTo(job.providerJobId());
    }

    @Test
    void findMatchesTheWholeNameNotJustItsPrefix() {
        NativeJob shorter = api().create("batch_0190ab", lines(1));
        NativeJob longer = api().create("batch_0190abc", lines(1));
        assertThat(api().find("batch_0190ab").orElseThrow().providerJobId()).isEqualTo(shorter.providerJobId());
        assertThat(api().find("batch_0190abc").orElseThrow().providerJobId()).isEqualTo(longer.providerJobId());
    }

    @Test
    void aJobIdTooLongForAReadableNameIsFoundByItsHashedName() {
        String jobId = "batch_" + "a1-b2_c3".repeat(8);
        NativeJob job = api().create(jobId, lines(1));
        assertThat(rig.createRequest().path("jobName").asText())
                .startsWith("sb-x")
                .hasSize(63);
        assertThat(api().find(jobId).orElseThrow().providerJobId()).isEqualTo(job.providerJobId());
        assertThat(api().create(jobId, lines(1)).providerJobId()).isEqualTo(job.providerJobId());
    }

    @Test
    void theJobCarriesTheNameTokenAndTagOfTheSwitchboardJob() {
        NativeJob job = api().create("batch_0190names", lines(1));
        JsonNode sent = rig.createRequest();
        assertThat(sent.path("jobName").asText()).isEqualTo("sb-batch-u0190names");
        assertThat(sent.path("clientRequestToken").asText()).isEqualTo("sb-batch-u0190names");
        assertThat(sent.path("tags").get(0).path("key").asText()).isEqualTo("switchboard-job");
        assertThat(sent.path("tags").get(0).path("value").asText()).isEqualTo("batch_0190names");
        assertThat(sent.path("roleArn").asText()).isEqualTo(BatchRig.ROLE);
        assertThat(sent.path("modelId").asText()).isEqualTo(MODEL);
        assertThat(job.handles()).containsEntry("output", "s3://switchboard-batch/native/batch_0190names/output/");
    }

    @Test
    void theInputFileHoldsOneInvokeModelBodyPerLine() {
        api().create("batch_0190input", lines(2));
        String[] rows = rig.inputLines("batch_0190input");
        assertThat(rows).hasSize(2);
        JsonNode first = Json.parse(rows[0]);
        assertThat(first.path("recordId").asText()).isEqualTo("l1");
        JsonNode body = first.path("modelInput");
        assertThat(body.path("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(body.has("model"))
                .as("the model is the job's, not the body's")
                .isFalse();
        assertThat(body.has("metadata"))
                .as("Bedrock's Messages API has no metadata")
                .isFalse();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("system").toString()).contains("Be brief.");
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
    }

    @Test
    void nonClaudeModelsRunAsConverseJobsWithConverseBodies() {
        List<NativeRequest> lines = List.of(
                new NativeRequest("l1", request("nova one").withModel("us.amazon.emulator-1")),
                new NativeRequest("l2", request("nova two").withModel("us.amazon.emulator-1")));
        NativeJob job = api().create("batch_0190nova", lines);
        JsonNode sent = rig.createRequest();
        assertThat(sent.path("modelInvocationType").asText()).isEqualTo("Converse");
        String[] rows = rig.inputLines("batch_0190nova");
        JsonNode body = Json.parse(rows[0]).path("modelInput");
        assertThat(body.has("modelId")).as("the model is the job's").isFalse();
        assertThat(body.path("system").get(0).path("text").asText()).isEqualTo("Be brief.");
        assertThat(body.path("messages")
                        .get(0)
                        .path("content")
                        .get(0)
                        .path("text")
                        .asText())
                .isEqualTo("nova one");
        assertThat(body.path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(64);
        emulator.bedrockBatch().finish(job.providerJobId());
        job = api().refresh(job);
        List<NativeResult> results = new ArrayList<>();
        api().results(job, results::add);
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.response().text()).contains("You said: nova");
            assertThat(r.response().model()).isEqualTo("us.amazon.emulator-1");
            assertThat(r.response().usage().inputTokens()).isPositive();
        });
    }

    @Test
    void toolsAreRefusedForConverseJobsButNotForClaude() {
        var tool = new dev.switchboard.core.model.ToolSpec(
                "lookup", "Looks up", Json.parse("{\"type\":\"object\",\"properties\":{}}"), null);
        ChatRequest nova = request("x").toBuilder()
                .model("us.amazon.emulator-1")
                .tools(List.of(tool))
                .build();
        assertThat(api().unsupported(nova)).get().asString().contains("no tools");
        assertThat(api().unsupported(nova.withModel(MODEL))).isEmpty();
    }

    @Test
    void aJobRunsToCompletionOnPollsAlone() {
        emulator.bedrockBatch().completeAfterGets(3);
        NativeJob job = api().create("batch_0190polls", lines(3));
        job = api().refresh(job);
        assertThat(job.state()).isEqualTo(NativeJob.State.PENDING);
        job = api().refresh(job);
        assertThat(job.state()).isEqualTo(NativeJob.State.RUNNING);
        job = api().refresh(job);
        assertThat(job.state()).isEqualTo(NativeJob.State.COMPLETED);
        assertThat(job.total()).isEqualTo(3);
        assertThat(job.succeeded()).isEqualTo(3);
        assertThat(job.failed()).isZero();
        List<NativeResult> results = new ArrayList<>();
        api().results(job, results::add);
        assertThat(results).extracting(NativeResult::lineId).containsExactlyInAnyOrder("l1", "l2", "l3");
    }

    @Test
    void aFailedRecordIsMappedByItsStatus() {
        NativeJob job = api().create(
                        "batch_0190fail", List.of(new NativeRequest("l1", request(NativeBatchApiContract.FAIL_TEXT))));
        emulator.bedrockBatch().finish(job.providerJobId());
        job = api().refresh(job);
        assertThat(job.state()).isEqualTo(NativeJob.State.COMPLETED);
        assertThat(job.failed()).isEqualTo(1);
        List<NativeResult> results = new ArrayList<>();
        api().results(job, results::add);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.error()).isInstanceOf(InvalidRequest.class);
            assertThat(r.error().getMessage()).startsWith("bedrock: ").contains("failed this record");
        });
    }

    @Test
    void aJobBelowBedrocksMinimumFailsAsAWhole() {
        emulator.bedrockBatch().minRecords(BedrockBatchApi.MIN_RECORDS);
        NativeJob job = api().create("batch_0190few", lines(2));
        emulator.bedrockBatch().finish(job.providerJobId());
        job = api().refresh(job);
        assertThat(job.state()).isEqualTo(NativeJob.State.FAILED);
        assertThat(job.message()).contains("minimum of 100");
        List<NativeResult> results = new ArrayList<>();
        api().results(job, results::add);
        assertThat(results).isEmpty();
        assertThat(api().minRequests()).isEqualTo(100);
        assertThat(api().maxRequests()).isEqualTo(50_000);
    }

    @Test
    void aStoppedJobEndsCancelledAndStoppingItAgainIsHarmless() {
        NativeJob job = api().create("batch_0190stop", lines(2));
        api().cancel(job);
        assertThat(api().refresh(job).state()).isEqualTo(NativeJob.State.CANCELLED);
        api().cancel(job); // stale RUNNING-era view of a job that has ended: Bedrock refuses, the API shrugs
    }

    @Test
    void linesForAnotherModelOrFamilyAreRefusedBeforeAnythingIsUploaded() {
        List<NativeRequest> mixed = new ArrayList<>(lines(1));
        mixed.add(new NativeRequest("l2", request("two").withModel("us.anthropic.emulator-2")));
        assertThatThrownBy(() -> api().create("batch_0190mixed", mixed))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("one model");
        List<NativeRequest> cohere =
                List.of(new NativeRequest("l1", request("x").withModel("cohere.command-r-v1:0")));
        assertThatThrownBy(() -> api().create("batch_0190cohere", cohere))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("cohere");
        assertThat(rig.inputLines("batch_0190cohere")).isEmpty();
        assertThat(rig.inputLines("batch_0190mixed")).isEmpty();
        assertThat(emulator.bedrockBatch().jobCount()).isZero();
    }

    @Test
    void batchJobsNeedABucketAndARole() {
        BedrockProviderFactory factory = new BedrockProviderFactory(LocalS3.CREDENTIALS);
        ProviderSettings plain = ProviderSettings.builder("bedrock", "bedrock")
                .region("us-east-1")
                .build();
        assertThat(factory.create(plain).nativeBatch()).isEmpty();
        ProviderSettings half = plain.toBuilder().batch(Map.of("bucket", "b-1")).build();
        assertThat(factory.validate(half))
                .singleElement()
                .asString()
                .contains("switchboard.providers.bedrock.batch.role-arn");
        ProviderSettings bad = plain.toBuilder()
                .batch(Map.of("bucket", "B_1", "role-arn", "role", "prefix", "no-slash"))
                .build();
        assertThat(factory.validate(bad)).hasSize(3);
        ProviderSettings off = plain.toBuilder()
                .batch(Map.of("bucket", "b-1", "role-arn", BatchRig.ROLE, "enabled", "false"))
                .build();
        assertThat(factory.create(off).nativeBatch()).isEmpty();
        ProviderSettings on = plain.toBuilder()
                .batch(Map.of("bucket", "b-1", "role-arn", BatchRig.ROLE))
                .build();
        assertThat(factory.validate(on)).isEmpty();
        assertThat(factory.create(on).nativeBatch())
                .get()
                .extracting(NativeBatchApi::provider)
                .isEqualTo("bedrock");
    }
}
