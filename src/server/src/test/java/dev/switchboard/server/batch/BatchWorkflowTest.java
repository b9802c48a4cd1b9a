package dev.switchboard.server.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.switchboard.server.e2e.EmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's batch workflow with the official Java SDK, unchanged, against the local server and the emulator: upload,
 * create, poll, read the output and error files; fallback inside a batch, a line failing everywhere, cost records
 * carrying the job id, validation failures, pagination and the API's errors.
 */
@QuarkusTest
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = BatchTestResource.class, restrictToAnnotatedClass = true)
class BatchWorkflowTest {
    static final String GREETING = "Hello from the Switchboard emulator. You said: ";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1")
    URL base;

    OpenAIClient client;

    @BeforeEach
    void client() {
        client = BatchSdk.client(base);
    }

    static String line(String customId, String model, String prompt) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{"
                + "\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}}";
    }

    private FileObject upload(List<String> lines) {
        byte[] content = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        return client.files()
                .create(FileCreateParams.builder()
                        .file(content)
                        .purpose(FilePurpose.BATCH)
                        .build());
    }

    private Batch create(String fileId) {
        return client.batches()
                .create(BatchCreateParams.builder()
                        .inputFileId(fileId)
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .metadata(BatchCreateParams.Metadata.builder()
                                .putAdditionalProperty("team", JsonValue.from("e2e"))
                                .build())
                        .build());
    }

    /** Polls as a caller would, until the batch ends (the jobs run in the background). */
    private Batch awaitEnd(String id) throws InterruptedException {
        return BatchSdk.awaitEnd(client, id);
    }

    private List<JsonNode> content(String fileId) throws Exception {
        return BatchSdk.content(client, fileId);
    }

    @Test
    void theSdkRunsTheWholeWorkflowWithFallbackAndAnErrorFile() throws Exception {
        FileObject file = upload(List.of(
                line("plain", "emu-openai/emulator-1", "batch plain"),
                line("fallback", "batch-fallback", "batch fallback"),
                line("broken", "batch-broken", "batch broken")));
        assertThat(file.id()).startsWith("file-");
        assertThat(file.purpose().asString()).isEqualTo("batch");
        assertThat(file.bytes()).isPositive();
        assertThat(client.files().retrieve(file.id()).filename()).isNotBlank();

        Batch created = create(file.id());
        assertThat(created.id()).startsWith("batch_");
        assertThat(created.inputFileId()).isEqualTo(file.id());
        assertThat(created.endpoint()).isEqualTo("/v1/chat/completions");

        Batch done = awaitEnd(created.id());
        assertThat(done.status().asString()).isEqualTo("completed");
        assertThat(done.requestCounts().orElseThrow().total()).isEqualTo(3);
        assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(2);
        assertThat(done.requestCounts().orElseThrow().failed()).isEqualTo(1);
        assertThat(done.inProgressAt()).isPresent();
        assertThat(done.completedAt()).isPresent();
        assertThat(done.metadata().orElseThrow()._additionalProperties().get("team"))
                .isEqualTo(JsonValue.from("e2e"));
        assertThat(done.usage().orElseThrow().outputTokens()).isPositive();

        List<JsonNode> out = content(done.outputFileId().orElseThrow());
        assertThat(out).extracting(o -> o.get("custom_id").asText()).containsExactlyInAnyOrder("plain", "fallback");
        for (JsonNode o : out) {
            assertThat(o.at("/response/status_code").asInt()).isEqualTo(200);
            assertThat(o.at("/response/body/object").asText()).isEqualTo("chat.completion");
            assertThat(o.get("id").asText()).startsWith("batch_req_");
        }
        JsonNode fallback = out.stream()
                .filter(o -> o.get("custom_id").asText().equals("fallback"))
                .findFirst()
                .orElseThrow();
        assertThat(fallback.at("/response/body/choices/0/message/content").asText())
                .isEqualTo(GREETING + "batch fallback");
        assertThat(fallback.at("/response/body/model").asText()).isEqualTo("emu-openai/emulator-1");

        List<JsonNode> errors = content(done.errorFileId().orElseThrow());
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.get("custom_id").asText()).isEqualTo("broken");
            assertThat(e.at("/response/status_code").asInt()).isBetween(500, 599);
            assertThat(e.at("/response/body/error/message").asText())
                    .contains("All targets of route 'batch-broken' failed");
        });

        // one cost record per attempt, each with the job id: plain 1, fallback 2 (503, then ok), broken 2
        List<JsonNode> records = new ArrayList<>();
        for (String l : Files.readAllLines(EmulatorResource.costFile())) {
            JsonNode r = JSON.readTree(l);
            if (created.id().equals(r.path("batch_job_id").asText())) records.add(r);
        }
        assertThat(records).hasSize(5);
        assertThat(records)
                .extracting(r -> r.get("route").asText())
                .containsOnly("emu-openai/emulator-1", "batch-fallback", "batch-broken");
        assertThat(records)
                .filteredOn(r -> r.get("outcome").asText().equals("ok"))
                .hasSize(2);
    }

    @Test
    void anInvalidFileEndsFailedWithTheLineNumbersAndCallsNothing() throws Exception {
        FileObject file = upload(
                List.of(line("a", "emu-openai/emulator-1", "x"), "{broken", line("a", "emu-openai/emulator-1", "y")));
        Batch done = awaitEnd(create(file.id()).id());
        assertThat(done.status().asString()).isEqualTo("failed");
        var data = done.errors().orElseThrow().data().orElseThrow();
        assertThat(data)
                .extracting(e -> e.code().orElseThrow() + "@" + e.line().orElseThrow())
                .containsExactly("invalid_json_line@2", "duplicate_custom_id@3");
        assertThat(done.outputFileId()).isEmpty();
        assertThat(Files.readString(EmulatorResource.costFile())).doesNotContain(done.id());
    }

    @Test
    void listingPagesNewestFirstWithOpenAisCursor() throws Exception {
        FileObject file = upload(List.of(line("p", "emu-openai/emulator-1", "page")));
        String older = create(file.id()).id();
        String newer = create(file.id()).id();
        awaitEnd(older);
        awaitEnd(newer);
        var page = client.batches().list(BatchListParams.builder().limit(1).build());
        assertThat(page.data()).singleElement().extracting(Batch::id).isEqualTo(newer);
        assertThat(page.hasNextPage()).isTrue();
        var next = client.batches()
                .list(BatchListParams.builder().limit(1).after(newer).build());
        assertThat(next.data()).singleElement().extracting(Batch::id).isEqualTo(older);
    }

    @Test
    void errorsComeBackInOpenAisShape() {
        assertThatThrownBy(() -> client.batches().retrieve("batch_doesnotexist"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.files().retrieve("file-00000000000000000000000000000000"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.files()
                        .create(FileCreateParams.builder()
                                .file("x".getBytes())
                                .purpose(FilePurpose.ASSISTANTS)
                                .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("purpose=batch");
        assertThatThrownBy(() -> client.batches()
                        .create(BatchCreateParams.builder()
                                .inputFileId("file-missing")
                                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                                .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("No such File");
        assertThatThrownBy(() -> client.batches()
                        .create(BatchCreateParams.builder()
                                .inputFileId("file-missing")
                                .endpoint(BatchCreateParams.Endpoint.V1_EMBEDDINGS)
                                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                                .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("endpoint");
    }

    @Test
    void cancellingAFinishedBatchIsRefusedAndDeletingAFileRemovesIt() throws Exception {
        FileObject file = upload(List.of(line("c", "emu-openai/emulator-1", "cancel")));
        Batch done = awaitEnd(create(file.id()).id());
        assertThatThrownBy(() -> client.batches().cancel(done.id())).hasMessageContaining("Cannot cancel");
        assertThat(client.files().delete(file.id()).deleted()).isTrue();
        assertThatThrownBy(() -> client.files().retrieve(file.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aJobLeftUnfinishedByAPreviousProcessResumesAtStartupWithoutRedoingStoredLines() throws Exception {
        Batch done = awaitEnd(BatchTestResource.SEEDED_JOB);
        assertThat(done.status().asString()).isEqualTo("completed");
        assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(2);
        List<JsonNode> out = content(done.outputFileId().orElseThrow());
        assertThat(out).extracting(o -> o.get("custom_id").asText()).containsExactly("before", "after");
        assertThat(out.get(0).at("/response/body/seeded").asText()).isEqualTo(BatchTestResource.SEEDED_ANSWER);
        assertThat(out.get(1).at("/response/body/choices/0/message/content").asText())
                .isEqualTo(GREETING + "resumed line");
        long calls = Files.readAllLines(EmulatorResource.costFile()).stream()
                .filter(l -> l.contains(BatchTestResource.SEEDED_JOB))
                .count();
        assertThat(calls).as("only the line without a checkpoint was called").isEqualTo(1);
    }
}
