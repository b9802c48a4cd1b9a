package dev.switchboard.emulator.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.TestHttp;
import dev.switchboard.emulator.http.Generation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK drives the emulated files and batches APIs as it would drive OpenAI's. */
class OpenAiBatchSdkTest {

    private Emulator emulator;
    private OpenAIClient client;
    private TestHttp http;

    @BeforeEach
    void start() {
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc());
        http = new TestHttp(emulator.httpBaseUri());
        client = OpenAIOkHttpClient.builder()
                .baseUrl(emulator.httpBaseUri() + "/v1")
                .apiKey("sk-emulator")
                .maxRetries(0)
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private static String line(String customId, String text) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"emulator-1\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                + "\"}]}}\n";
    }

    private Batch submit(String job, String jsonl) {
        FileObject file = client.files()
                .create(FileCreateParams.builder()
                        .file(jsonl.getBytes(StandardCharsets.UTF_8))
                        .purpose(FilePurpose.BATCH)
                        .build());
        assertThat(file.bytes()).isEqualTo(jsonl.getBytes(StandardCharsets.UTF_8).length);
        return client.batches()
                .create(BatchCreateParams.builder()
                        .inputFileId(file.id())
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .metadata(BatchCreateParams.Metadata.builder()
                                .putAdditionalProperty("switchboard_job", JsonValue.from(job))
                                .build())
                        .build());
    }

    private Map<String, JsonNode> linesOf(String fileId) throws IOException {
        Map<String, JsonNode> out = new HashMap<>();
        try (HttpResponse response = client.files().content(fileId);
                InputStream body = response.body()) {
            for (String l : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode json = TestHttp.json(l);
                out.put(json.path("custom_id").asText(), json);
            }
        }
        return out;
    }

    @Test
    void aBatchCompletesByPollingAndItsFilesHoldEveryLineByCustomId() throws IOException {
        Batch batch =
                submit("job-sdk", line("l2", "second") + line("l1", "first") + line("l3", Generation.BATCH_FAIL_TEXT));
        assertThat(batch.status()).isEqualTo(Batch.Status.VALIDATING);

        for (int i = 0; i < 10 && batch.status() != Batch.Status.COMPLETED; i++) {
            batch = client.batches().retrieve(batch.id());
        }
        assertThat(batch.status()).isEqualTo(Batch.Status.COMPLETED);
        assertThat(batch.requestCounts().orElseThrow().total()).isEqualTo(3);
        assertThat(batch.requestCounts().orElseThrow().completed()).isEqualTo(2);
        assertThat(batch.requestCounts().orElseThrow().failed()).isEqualTo(1);

        Map<String, JsonNode> output = linesOf(batch.outputFileId().orElseThrow());
        assertThat(output).containsOnlyKeys("l1", "l2");
        assertThat(output.get("l1").at("/response/status_code").asInt()).isEqualTo(200);
        assertThat(output.get("l1")
                        .at("/response/body/choices/0/message/content")
                        .asText())
                .endsWith("You said: first");
        assertThat(output.get("l2")
                        .at("/response/body/choices/0/message/content")
                        .asText())
                .endsWith("You said: second");
        assertThat(output.get("l2").at("/response/body/usage/prompt_tokens").asInt())
                .isPositive();

        Map<String, JsonNode> errors = linesOf(batch.errorFileId().orElseThrow());
        assertThat(errors).containsOnlyKeys("l3");
        assertThat(errors.get("l3").at("/response/status_code").asInt()).isEqualTo(400);
        assertThat(errors.get("l3").at("/response/body/error/message").asText()).isNotBlank();
    }

    @Test
    void listingPagesNewestFirstAndCarriesTheMetadata() {
        Batch first = submit("job-a", line("l1", "a"));
        Batch second = submit("job-b", line("l1", "b"));

        List<Batch> page = client.batches()
                .list(BatchListParams.builder().limit(1).build())
                .data();
        assertThat(page).extracting(Batch::id).containsExactly(second.id());
        List<Batch> next = client.batches()
                .list(BatchListParams.builder().limit(1).after(second.id()).build())
                .data();
        assertThat(next).extracting(Batch::id).containsExactly(first.id());
        assertThat(next.getFirst().metadata().orElseThrow()._additionalProperties())
                .containsEntry("switchboard_job", JsonValue.from("job-a"));
        assertThat(http.get("/_emulator/openai/batches/count").body()).contains("\"count\":2");
        assertThat(http.post("/_emulator/openai/batches/settings?finish-after-gets=x", "")
                        .statusCode())
                .isEqualTo(400);
        assertThat(http.post("/_emulator/openai/batches/batch_none/finish", "").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aCancelledBatchEndsCancelledAndAnExpiredOneKeepsItsAnsweredLines() throws IOException {
        Batch cancelled =
                client.batches().cancel(submit("job-c", line("l1", "x")).id());
        assertThat(cancelled.status()).isEqualTo(Batch.Status.CANCELLING);
        assertThat(client.batches().retrieve(cancelled.id()).status()).isEqualTo(Batch.Status.CANCELLED);

        Batch expiring = submit("job-e", line("l1", "one") + line("l2", "two"));
        assertThat(http.post("/_emulator/openai/batches/" + expiring.id() + "/expire?after=1", "")
                        .statusCode())
                .isEqualTo(200);
        Batch expired = client.batches().retrieve(expiring.id());
        assertThat(expired.status()).isEqualTo(Batch.Status.EXPIRED);
        assertThat(linesOf(expired.outputFileId().orElseThrow())).containsOnlyKeys("l1");
        assertThat(linesOf(expired.errorFileId().orElseThrow())
                        .get("l2")
                        .at("/error/code")
                        .asText())
                .isEqualTo("batch_expired");
    }

    @Test
    void aBadInputFileMakesAFailedBatchWithTheLineNamed() {
        Batch batch = submit("job-bad", line("l1", "a") + line("l1", "duplicate id"));
        assertThat(batch.status()).isEqualTo(Batch.Status.FAILED);
        assertThat(batch.errors().orElseThrow().data().orElseThrow().getFirst().line())
                .contains(2L);
    }

    @Test
    void azureSurfaceNeedsAnApiVersionAndTakesItsOwnLineUrl() {
        assertThat(http.get("/openai/batches").statusCode()).isEqualTo(400);
        assertThat(http.get("/openai/batches?api-version=2024-10-21").statusCode())
                .isEqualTo(200);
        assertThat(http.get("/openai/v1/batches").statusCode()).isEqualTo(200);
    }
}
