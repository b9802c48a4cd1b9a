package dev.switchboard.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.nativebatch.NativeResult;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.emulator.behavior.RecordedRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the OpenAI / Azure batch API sends and reads beyond the shared contract. */
class OpenAiBatchApiTest {
    private EmulatedBatchApi emulated;

    @BeforeEach
    void start() {
        emulated = new EmulatedBatchApi();
    }

    @AfterEach
    void stop() {
        emulated.close();
    }

    private static ChatRequest request(String model, String text) {
        return ChatRequest.builder()
                .model(model)
                .messages(List.of(Message.user(text)))
                .maxTokens(32)
                .temperature(0.5)
                .build();
    }

    private static List<NativeRequest> lines(String model, int n) {
        List<NativeRequest> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(new NativeRequest(NativeRequest.forLine(i), request(model, "line " + i)));
        return out;
    }

    private List<JsonNode> inputLines(NativeJob job) {
        List<JsonNode> out = new ArrayList<>();
        for (String l : emulated.fileContent(job.handles().get("input_file_id")).split("\n")) out.add(Json.parse(l));
        return out;
    }

    private static Map<String, NativeResult> results(NativeBatchApi api, NativeJob job) {
        Map<String, NativeResult> out = new LinkedHashMap<>();
        api.results(job, r -> out.put(r.lineId(), r));
        return out;
    }

    /** The files and batches calls the provider made. */
    private List<RecordedRequest> batchCalls() {
        return emulated.emulator.requests().stream()
                .filter(r -> r.path().contains("/batches") || r.path().contains("/files"))
                .filter(r -> r.header("user-agent").startsWith("switchboard/")) // not the test's own reads
                .toList();
    }

    @Test
    void linesAreChatCompletionsRequestsNamedByLineIdAndTheBatchCarriesTheJobId() {
        NativeBatchApi api = EmulatedBatchApi.batchApi(emulated.openAi(Map.of()));
        NativeJob job = api.create("batch_job1", lines("emulator-1", 2));

        assertThat(job.providerJobId()).startsWith("batch_");
        assertThat(job.state()).isEqualTo(NativeJob.State.PENDING);
        List<JsonNode> input = inputLines(job);
        assertThat(input).extracting(l -> l.path("custom_id").asText()).containsExactly("l1", "l2");
        for (JsonNode l : input) {
            assertThat(l.path("method").asText()).isEqualTo("POST");
            assertThat(l.path("url").asText()).isEqualTo("/v1/chat/completions");
            assertThat(l.at("/body/model").asText()).isEqualTo("emulator-1");
            assertThat(l.at("/body/max_completion_tokens").asInt()).isEqualTo(32);
            assertThat(l.at("/body/temperature").asDouble()).isEqualTo(0.5);
            assertThat(l.path("body").has("stream")).isFalse();
        }
        RecordedRequest create = batchCalls().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/v1/batches"))
                .findFirst()
                .orElseThrow();
        assertThat(create.body().at("/metadata/switchboard_job").asText()).isEqualTo("batch_job1");
        assertThat(create.body().path("endpoint").asText()).isEqualTo("/v1/chat/completions");
        assertThat(create.body().path("completion_window").asText()).isEqualTo("24h");
        assertThat(create.header("authorization")).isNotNull();
    }

    @Test
    void azureSendsEveryLineToTheBatchDeploymentUnderOpenaiWithTheApiVersion() {
        NativeBatchApi api = EmulatedBatchApi.batchApi(emulated.azure(Map.of("deployment", "emulator-global-batch")));
        NativeJob job = api.create("batch_az", lines("gpt-4o-standard", 2));

        assertThat(inputLines(job)).allSatisfy(l -> {
            assertThat(l.at("/body/model").asText()).isEqualTo("emulator-global-batch");
            assertThat(l.path("url").asText()).isEqualTo("/chat/completions");
        });
        assertThat(batchCalls())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.path())
                        .startsWith("/openai/")
                        .contains("api-version=" + EmulatedBatchApi.AZURE_API_VERSION));
        assertThat(batchCalls().getFirst().header("api-key")).isNotNull();

        emulated.finish(job.providerJobId());
        NativeJob done = api.refresh(job);
        assertThat(done.state()).isEqualTo(NativeJob.State.COMPLETED);
        assertThat(results(api, done).get("l2").response().text()).endsWith("You said: line 2");
    }

    @Test
    void withoutADeploymentAzureLinesKeepTheirOwnModel() {
        NativeBatchApi api = EmulatedBatchApi.batchApi(emulated.azure(Map.of()));
        NativeJob job = api.create("batch_az2", lines("emulator-batch-deployment", 1));
        assertThat(inputLines(job).getFirst().at("/body/model").asText()).isEqualTo("emulator-batch-deployment");
    }

    @Test
    void aJobCompletesByPollingAloneAndReportsItsCounts() {
        NativeBatchApi api = EmulatedBatchApi.batchApi(emulated.openAi(Map.of()));
        NativeJob job = api.create("batch_poll", lines("emulator-1", 3));
        job = api.refresh(job);
        assertThat(job.state()).isEqualTo(NativeJob.State.RUNNING);
        job = api.refresh(job); // the emulator's default: done on the second poll
        assertThat(job.state()).isEqualTo(NativeJob.State.COMPLETED);
        assertThat(job.total()).isEqualTo(3);
        assertThat(job.succeeded()).isEqualTo(3);
        assertThat(job.failed()).isZero();
        assertThat(job.handles()).containsKeys("input_file_id", "output_file_id");
        assertThat(results(api, job)).containsOnlyKeys("l1", "l2", "l3");
    }

    @Test
    void resultsOfAJobKnownOnlyByItsCreateLookUpItsResultFiles() {
        NativeBatchApi api = EmulatedBatchApi.batchApi(emulated.openAi(Map.of()));
        NativeJob created = api.create("batch_stale", lines("emulator-1", 2));
        emulated.finish(created.providerJobId());
        assertThat(created.handles()).doesNotContainKeys("output_file_id", "error_file_id");
        assertThat(results(api, created)).containsOnlyKeys("l1", "l2");
    }

    @Test
    void lineErrorsAreMappedByTheirStatusLikeRealTimeErrors() {
        NativeBatchApi api = EmulatedBatchApi.batchApi(emulated.openAi(Map.of()));
        NativeJob limited = api.create("batch_429", lines("emulator-fault-429", 2));
        NativeJob missing = api.create("batch_404", lines("no-such-model", 1));
        emulated.finish(limited.providerJobId());
        emulated.finish(missing.providerJobId());

        Map<String, NativeResult> r429 = results(api, api.refresh(limited));
        assertThat(r429).containsOnlyKeys("l1", "l2");
        assertThat(r429.values())
                .allSatisfy(r -> assertThat(r.error())
                        .isInstanceOf(RateLimited.class)
                        .satisfies(e -> assertThat(e.httpStatus()).isEqualTo(429)));
        assertThat(results(api, api.refresh(missing)).get("l1").error()).isInstanceOf(ModelNotFound.class);
    }

    @Test
    void linesAnExpiredJobNeverRanAreNotReported() {
        NativeBatchApi api = EmulatedBatchApi.batchApi(emulated.openAi(Map.of()));
        NativeJob job = api.create("batch_exp", lines("emulator-1", 3));
        emulated.expireAfter(job.providerJobId(), 2);
        job = api.refresh(job);
        assertThat(job.state()).isEqualTo(NativeJob.State.EXPIRED);
        assertThat(job.message()).contains("expired");
        assertThat(results(api, job)).containsOnlyKeys("l1", "l2");
    }

    @Test
    void findLooksBeyondTheFirstPageOfBatches() {
        NativeBatchApi api = EmulatedBatchApi.batchApi(emulated.openAi(Map.of()));
        NativeJob target = api.create("batch_old", lines("emulator-1", 1));
        for (int i = 0; i < 100; i++) api.create("batch_new" + i, lines("emulator-1", 1));

        assertThat(api.find("batch_old"))
                .get()
                .extracting(NativeJob::providerJobId)
                .isEqualTo(target.providerJobId());
        assertThat(api.find("batch_new99")).get().extracting(NativeJob::jobId).isEqualTo("batch_new99");
        assertThat(api.find("batch_none")).isEmpty();
    }

    @Test
    void tooManyLinesAreRefusedBeforeAnythingIsUploaded() {
        NativeBatchApi api = EmulatedBatchApi.batchApi(emulated.openAi(Map.of()));
        NativeRequest one = new NativeRequest("l1", request("emulator-1", "x"));
        List<NativeRequest> tooMany = Collections.nCopies(OpenAiBatchApi.MAX_REQUESTS + 1, one);
        assertThatThrownBy(() -> api.create("batch_big", tooMany))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("50000");
        assertThat(batchCalls()).isEmpty();
        assertThat(api.maxRequests()).isEqualTo(50_000);
    }

    @Test
    void whichProvidersOfferNativeBatch() {
        assertThat(emulated.openAi(Map.of("enabled", "false")).nativeBatch()).isEmpty();
        assertThat(OpenAiProviderFactory.compatible()
                        .create(ProviderSettings.builder("local", "openai-compatible")
                                .baseUrl("http://127.0.0.1:1/v1")
                                .build())
                        .nativeBatch())
                .isEmpty();

        NativeBatchApi chat = EmulatedBatchApi.batchApi(emulated.openAi(Map.of()));
        assertThat(chat.provider()).isEqualTo("openai");
        assertThat(chat.unsupported(request("emulator-1", "x"))).isEmpty();

        NativeBatchApi responses = EmulatedBatchApi.batchApi(OpenAiProviderFactory.openAi()
                .create(ProviderSettings.builder("oai", "openai")
                        .apiKey("k")
                        .api("responses")
                        .baseUrl(emulated.emulator.httpBaseUri() + "/v1")
                        .build()));
        assertThat(responses.unsupported(request("emulator-1", "x")))
                .get()
                .asString()
                .contains("api: responses")
                .doesNotContain("x\"");
    }
}
