package dev.switchboard.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.aiplatform.v1.BatchPredictionJob;
import com.google.cloud.aiplatform.v1.JobState;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which requests Vertex batch takes, how its states and line errors map, and the batch options' validation. */
class VertexBatchRulesTest {
    private final VertexBatchApi api =
            new VertexBatchApi("vx", new VertexConfig("p1", "us-central1", null, false), null, null, "jobs/");

    private static ChatRequest request(String model) {
        return ChatRequest.builder()
                .model(model)
                .messages(List.of(Message.user("hi")))
                .build();
    }

    @Test
    void geminiModelsRunInBatchAndOthersSayWhyNot() {
        assertThat(api.unsupported(request("gemini-2.5-flash"))).isEmpty();
        assertThat(api.unsupported(request("publishers/google/models/gemini-2.0-flash-001")))
                .isEmpty();
        assertThat(api.unsupported(request("publishers/anthropic/models/claude-sonnet-4")))
                .get()
                .asString()
                .contains("Gemini models only")
                .contains("claude-sonnet-4");
        assertThat(api.unsupported(request("text-embedding-005"))).isPresent();
        assertThat(api.unsupported(request("gemini-embedding-001"))).isPresent();
        assertThat(api.unsupported(request("gemini-live-2.5-flash"))).isPresent();
        assertThat(api.unsupported(request("projects/p1/locations/us-central1/endpoints/123")))
                .isPresent();
    }

    @Test
    void theLineIdLabelIsReservedAndLabelsAreCounted() {
        ChatRequest reserved = request("gemini-2.5-flash").toBuilder()
                .extensions(Map.of("labels", Json.parse("{\"switchboard_line\":\"x\"}")))
                .build();
        assertThat(api.unsupported(reserved)).get().asString().contains("reserved");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 64; i++)
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        ChatRequest tooMany = request("gemini-2.5-flash").toBuilder()
                .extensions(Map.of("labels", Json.parse(many + "}")))
                .build();
        assertThat(api.unsupported(tooMany)).get().asString().contains("63 labels");
        ChatRequest some = request("gemini-2.5-flash").toBuilder()
                .extensions(Map.of("labels", Json.parse("{\"team\":\"a\"}")))
                .build();
        assertThat(api.unsupported(some)).isEmpty();
    }

    @Test
    void everyJobStateMapsAndOnlyEndingStatesAreTerminal() {
        for (JobState s : JobState.values()) {
            if (s == JobState.UNRECOGNIZED) continue;
            NativeJob.State mapped = VertexBatchApi.state(
                    BatchPredictionJob.newBuilder().setState(s).build());
            boolean ends = switch (s) {
                case JOB_STATE_SUCCEEDED,
                        JOB_STATE_PARTIALLY_SUCCEEDED,
                        JOB_STATE_FAILED,
                        JOB_STATE_CANCELLED,
                        JOB_STATE_EXPIRED -> true;
                default -> false;
            };
            assertThat(mapped.terminal()).as(s.name()).isEqualTo(ends);
        }
        assertThat(VertexBatchApi.state(BatchPredictionJob.newBuilder()
                        .setState(JobState.JOB_STATE_PARTIALLY_SUCCEEDED)
                        .build()))
                .isEqualTo(NativeJob.State.PARTIAL);
        assertThat(VertexBatchApi.state(BatchPredictionJob.newBuilder()
                        .setState(JobState.JOB_STATE_CANCELLING)
                        .build()))
                .isEqualTo(NativeJob.State.RUNNING);
    }

    @Test
    void lineStatusesMapThroughTheVertexErrorTable() {
        SwitchboardException bad = VertexErrors.fromBatchStatus(
                "vx",
                "Bad Request: {\"error\": {\"code\": 400, \"message\": \"Please use a valid role: user, model.\","
                        + " \"status\": \"INVALID_ARGUMENT\"}}");
        assertThat(bad).isInstanceOf(InvalidRequest.class);
        assertThat(bad.getMessage()).isEqualTo("vx: Please use a valid role: user, model.");
        assertThat(VertexErrors.fromBatchStatus(
                        "vx",
                        "Too Many Requests: {\"error\": {\"code\": 429, \"message\": \"quota\","
                                + " \"status\": \"RESOURCE_EXHAUSTED\"}}"))
                .isInstanceOf(RateLimited.class);
        SwitchboardException opaque = VertexErrors.fromBatchStatus("vx", "Internal error occurred");
        assertThat(opaque.httpStatus()).isBetween(500, 599);
        assertThat(opaque.getMessage()).contains("Internal error occurred");
    }

    @Test
    void predictionLinesWithoutOurLineIdAreSkippedAndBrokenOnesAreErrors() {
        assertThat(api.result("not json")).isNull();
        assertThat(api.result("{\"request\":{},\"status\":\"\",\"response\":{}}"))
                .isNull();
        assertThat(api.result("{\"request\":{\"labels\":{\"switchboard_line\":\"L1/x\"}},\"response\":{}}"))
                .isNull();
        NativeResult noResponse =
                api.result("{\"request\":{\"labels\":{\"switchboard_line\":\"l7\"}},\"status\":\"\"}");
        assertThat(noResponse.lineId()).isEqualTo("l7");
        assertThat(noResponse.error().getMessage()).contains("malformed");
        NativeResult badResponse = api.result(
                "{\"request\":{\"labels\":{\"switchboard_line\":\"l8\"}},\"status\":\"\",\"response\":{\"candidates\":7}}");
        assertThat(badResponse.error()).isNotNull();
        NativeResult answered = api.result(
                "{\"request\":{\"labels\":{\"switchboard_line\":\"l9\"}},\"status\":\"\","
                        + "\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"hi\"}]},"
                        + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":1}}}");
        assertThat(answered.response().text()).isEqualTo("hi");
        assertThat(answered.response().usage().inputTokens()).isEqualTo(3);
    }

    @Test
    void labelValuesKeepToVertexsCharset() {
        assertThat(VertexBatchApi.labelValue("batch_0123abcd")).isEqualTo("batch_0123abcd");
        assertThat(VertexBatchApi.labelValue("Batch.X/1")).isEqualTo("batch-x-1");
        assertThat(VertexBatchApi.labelValue("b".repeat(80))).hasSize(63);
    }

    @Test
    void batchOptionsAreValidatedByKey() {
        assertThat(VertexBatchSettings.validate(Map.of("bucket", "my-bucket", "prefix", "a/b")))
                .isEmpty();
        assertThat(VertexBatchSettings.validate(Map.of(
                        "bucket", "Bad Bucket",
                        "prefix", "/abs",
                        "storage-endpoint", "ftp://x",
                        "enabled", "maybe",
                        "role-arn", "arn:aws:iam::1:role/x")))
                .hasSize(5)
                .anySatisfy(p -> assertThat(p).startsWith("batch.bucket:"))
                .anySatisfy(p -> assertThat(p).startsWith("batch.prefix:"))
                .anySatisfy(p -> assertThat(p).startsWith("batch.storage-endpoint:"))
                .anySatisfy(p -> assertThat(p).startsWith("batch.enabled:"))
                .anySatisfy(p -> assertThat(p).startsWith("batch.role-arn:"));
        assertThat(VertexBatchSettings.of(Map.of("bucket", "b1", "prefix", "x")))
                .get()
                .extracting(VertexBatchSettings::prefix)
                .isEqualTo("x/");
        assertThat(VertexBatchSettings.of(Map.of("bucket", "b1")))
                .get()
                .extracting(VertexBatchSettings::prefix)
                .isEqualTo(VertexBatchSettings.DEFAULT_PREFIX);
        assertThat(VertexBatchSettings.of(Map.of())).isEmpty();
        assertThat(Arrays.asList(new VertexProviderFactory()
                        .validate(dev.switchboard.core.spi.ProviderSettings.builder("vx", "vertex")
                                .project("p")
                                .location("us-central1")
                                .batch(Map.of("bucket", "UPPER"))
                                .build())
                        .toArray()))
                .singleElement()
                .asString()
                .startsWith("batch.bucket:");
    }
}
