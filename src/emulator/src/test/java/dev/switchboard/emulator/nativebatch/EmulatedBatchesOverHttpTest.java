package dev.switchboard.emulator.nativebatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.TestHttp;
import dev.switchboard.emulator.http.Generation;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batch endpoints and their admin controls as an out-of-process test drives them: over HTTP only. */
class EmulatedBatchesOverHttpTest {
    private static final String[] ANTHROPIC = {"anthropic-version", "2023-06-01", "content-type", "application/json"};
    private static final String[] JSON = {"content-type", "application/json"};

    private Emulator emulator;
    private TestHttp http;

    @BeforeEach
    void start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
        http = new TestHttp(emulator.httpBaseUri());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static String anthropicLine(String id, String text) {
        return "{\"custom_id\":\"" + id + "\",\"params\":{\"model\":\"emulator-1\",\"max_tokens\":32,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}}";
    }

    private static String geminiBatch(String name, String... texts) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            if (i > 0) lines.append(',');
            lines.append("{\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"")
                    .append(texts[i])
                    .append("\"}]}]},\"metadata\":{\"key\":\"k")
                    .append(i + 1)
                    .append("\"}}");
        }
        // camelCase, as the REST reference writes it (the Python SDK sends snake_case; both are accepted)
        return "{\"batch\":{\"displayName\":\"" + name + "\",\"inputConfig\":{\"requests\":{\"requests\":[" + lines
                + "]}}}}";
    }

    @Test
    void anthropicRefusesDuplicateCustomIdsAndResultsBeforeTheEnd() {
        HttpResponse<String> dup = http.post(
                "/v1/messages/batches",
                "{\"requests\":[" + anthropicLine("a", "x") + "," + anthropicLine("a", "y") + "]}",
                ANTHROPIC);
        assertThat(dup.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(dup.body()).path("error").path("type").asText())
                .isEqualTo("invalid_request_error");

        JsonNode created = TestHttp.json(
                http.post("/v1/messages/batches", "{\"requests\":[" + anthropicLine("a", "x") + "]}", ANTHROPIC)
                        .body());
        String id = created.path("id").asText();
        assertThat(id).startsWith("msgbatch_");
        assertThat(http.get("/v1/messages/batches/" + id + "/results", ANTHROPIC)
                        .statusCode())
                .isEqualTo(400);
        assertThat(http.get("/v1/messages/batches/msgbatch_nope", ANTHROPIC).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anthropicListsNewestFirstPageByPage() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created =
                    http.post("/v1/messages/batches", "{\"requests\":[" + anthropicLine("a", "x") + "]}", ANTHROPIC);
            ids.add(TestHttp.json(created.body()).path("id").asText());
        }
        JsonNode first = TestHttp.json(
                http.get("/v1/messages/batches?limit=2", ANTHROPIC).body());
        assertThat(first.path("data")).hasSize(2);
        assertThat(first.path("has_more").asBoolean()).isTrue();
        JsonNode second = TestHttp.json(http.get(
                        "/v1/messages/batches?limit=2&after_id="
                                + first.path("last_id").asText(),
                        ANTHROPIC)
                .body());
        assertThat(second.path("data")).hasSize(1);
        assertThat(second.path("has_more").asBoolean()).isFalse();
        assertThat(second.path("data").get(0).path("id").asText()).isEqualTo(ids.getFirst());
    }

    @Test
    void geminiExpiredBatchKeepsTheAnswersOfItsFinishedLines() {
        JsonNode op = TestHttp.json(
                http.post("/v1beta/models/emulator-1:batchGenerateContent", geminiBatch("job-1", "one", "two"), JSON)
                        .body());
        String name = op.path("name").asText();
        assertThat(name).startsWith("batches/");
        assertThat(op.path("metadata").path("state").asText()).isEqualTo("BATCH_STATE_PENDING");
        assertThat(TestHttp.json(http.get("/_emulator/gemini/batches/count").body())
                        .path("count")
                        .asInt())
                .isEqualTo(1);

        String id = name.substring("batches/".length());
        assertThat(http.post("/_emulator/gemini/batches/" + id + "/expire?after=1", "")
                        .statusCode())
                .isEqualTo(200);
        JsonNode done = TestHttp.json(http.get("/v1beta/" + name).body());
        assertThat(done.path("done").asBoolean()).isTrue();
        JsonNode metadata = done.path("metadata");
        assertThat(metadata.path("state").asText()).isEqualTo("BATCH_STATE_EXPIRED");
        assertThat(metadata.path("displayName").asText()).isEqualTo("job-1");
        JsonNode responses = metadata.path("output").path("inlinedResponses").path("inlinedResponses");
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).path("metadata").path("key").asText()).isEqualTo("k1");
        assertThat(responses
                        .get(0)
                        .path("response")
                        .path("candidates")
                        .get(0)
                        .path("content")
                        .path("parts")
                        .get(0)
                        .path("text")
                        .asText())
                .endsWith("You said: one");
        assertThat(metadata.path("batchStats").path("successfulRequestCount").asText())
                .isEqualTo("1");
    }

    @Test
    void geminiBatchesFinishAfterTheConfiguredGetsAndCancelTakesAnEncodedColon() {
        assertThat(http.post("/_emulator/gemini/batches/settings?finish-after-gets=1", "")
                        .statusCode())
                .isEqualTo(200);
        String name = TestHttp.json(http.post(
                                "/v1beta/models/emulator-1:batchGenerateContent",
                                geminiBatch("job-2", Generation.BATCH_FAIL_TEXT),
                                JSON)
                        .body())
                .path("name")
                .asText();
        JsonNode done = TestHttp.json(http.get("/v1beta/" + name).body()).path("metadata");
        assertThat(done.path("state").asText()).isEqualTo("BATCH_STATE_SUCCEEDED");
        JsonNode error = done.path("output")
                .path("inlinedResponses")
                .path("inlinedResponses")
                .get(0)
                .path("error");
        assertThat(error.path("code").asInt())
                .as("google.rpc.Status: the gRPC code")
                .isEqualTo(3);
        assertThat(error.has("status")).isFalse();

        http.post("/_emulator/gemini/batches/settings?finish-after-gets=0", "");
        String other = TestHttp.json(
                        http.post("/v1beta/models/emulator-1:batchGenerateContent", geminiBatch("job-3", "hi"), JSON)
                                .body())
                .path("name")
                .asText();
        assertThat(http.post("/v1beta/" + other + "%3Acancel", "{}", JSON).statusCode())
                .isEqualTo(200);
        assertThat(TestHttp.json(http.get("/v1beta/" + other).body())
                        .path("metadata")
                        .path("state")
                        .asText())
                .isEqualTo("BATCH_STATE_CANCELLED");
        JsonNode list = TestHttp.json(http.get("/v1beta/batches?pageSize=1").body());
        assertThat(list.path("operations").get(0).path("name").asText()).isEqualTo(other);
        assertThat(list.path("nextPageToken").asText()).isEqualTo("1");
    }
}
