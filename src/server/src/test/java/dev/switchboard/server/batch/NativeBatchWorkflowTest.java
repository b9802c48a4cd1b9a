package dev.switchboard.server.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.models.batches.Batch;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.server.e2e.EmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Native batch jobs end to end with the official OpenAI Java SDK: the local server submits the lines as an OpenAI
 * batch to the emulator's files + batches API, its poller follows the provider job, and the caller reads the same
 * output and error files as for a sync job, plus one {@code billing: batch} cost record per line at batch prices.
 */
@QuarkusTest
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = BatchTestResource.class, restrictToAnnotatedClass = true)
class NativeBatchWorkflowTest {
    private static final String MODEL = BatchTestResource.NATIVE_PRICED_MODEL;

    @TestHTTPResource("/v1")
    URL base;

    OpenAIClient client;

    @BeforeEach
    void client() {
        client = BatchSdk.client(base);
    }

    private Batch create(List<String> lines, Map<String, String> metadata) {
        return BatchSdk.create(client, lines, metadata);
    }

    private Batch awaitEnd(String id) throws InterruptedException {
        return BatchSdk.awaitEnd(client, id);
    }

    private List<JsonNode> content(String fileId) throws Exception {
        return BatchSdk.content(client, fileId);
    }

    private static String extra(Batch b, String field) {
        return BatchSdk.extra(b, field);
    }

    private static List<JsonNode> costRecords(String jobId) throws Exception {
        return BatchSdk.costRecords(jobId);
    }

    @Test
    void aNativeJobRunsAsAProviderBatchAndReadsLikeASyncOne() throws Exception {
        Batch created = create(
                List.of(
                        BatchWorkflowTest.line("one", MODEL, "native one"),
                        BatchWorkflowTest.line("bad", MODEL, NativeBatchApiContract.FAIL_TEXT),
                        BatchWorkflowTest.line("two", MODEL, "native two")),
                Map.of("mode", "native", "team", "e2e"));

        Batch done = awaitEnd(created.id());

        assertThat(done.status().asString()).isEqualTo("completed");
        assertThat(extra(done, "mode")).isEqualTo("native");
        String providerJob = extra(done, "provider_batch_id");
        assertThat(providerJob).isNotBlank();
        assertThat(done.requestCounts().orElseThrow().total()).isEqualTo(3);
        assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(2);
        assertThat(done.requestCounts().orElseThrow().failed()).isEqualTo(1);

        List<JsonNode> out = content(done.outputFileId().orElseThrow());
        assertThat(out).extracting(o -> o.get("custom_id").asText()).containsExactly("one", "two");
        for (JsonNode o : out) {
            assertThat(o.get("id").asText()).startsWith("batch_req_");
            assertThat(o.at("/response/status_code").asInt()).isEqualTo(200);
            assertThat(o.at("/response/body/object").asText()).isEqualTo("chat.completion");
        }
        assertThat(out.get(0).at("/response/body/choices/0/message/content").asText())
                .isEqualTo(BatchWorkflowTest.GREETING + "native one");
        List<JsonNode> errors = content(done.errorFileId().orElseThrow());
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.get("custom_id").asText()).isEqualTo("bad");
            assertThat(e.at("/response/status_code").asInt()).isEqualTo(400);
        });

        List<JsonNode> records = costRecords(created.id());
        assertThat(records).as("one record per collected line").hasSize(3);
        assertThat(records).extracting(r -> r.get("request_id").asText()).doesNotHaveDuplicates();
        for (JsonNode r : records) {
            assertThat(r.get("billing").asText()).isEqualTo("batch");
            assertThat(r.get("provider_job_id").asText()).isEqualTo(providerJob);
            assertThat(r.get("latency_ms").isNull()).isTrue();
            assertThat(r.get("ttft_ms").isNull()).isTrue();
            assertThat(r.get("provider").asText()).isEqualTo("emu-openai");
        }
        JsonNode answered = records.stream()
                .filter(r -> r.get("outcome").asText().equals("ok"))
                .findFirst()
                .orElseThrow();
        JsonNode usage = out.get(0).at("/response/body/usage");
        BigDecimal expected = new BigDecimal(BatchTestResource.BATCH_INPUT_PER_MTOK)
                .multiply(BigDecimal.valueOf(usage.get("prompt_tokens").asLong()))
                .add(new BigDecimal(BatchTestResource.BATCH_OUTPUT_PER_MTOK)
                        .multiply(BigDecimal.valueOf(
                                usage.get("completion_tokens").asLong())))
                .movePointLeft(6);
        assertThat(new BigDecimal(answered.get("cost_usd").asText())).isEqualByComparingTo(expected);
        assertThat(answered.get("pricing").asText()).isEqualTo("known");
    }

    @Test
    void autoRunsNativelyWhenEveryLineCanAndSaysWhy() throws Exception {
        Batch done = awaitEnd(create(List.of(BatchWorkflowTest.line("a", MODEL, "auto native")), Map.of())
                .id());
        assertThat(done.status().asString()).isEqualTo("completed");
        assertThat(extra(done, "mode")).isEqualTo("native");
        assertThat(extra(done, "mode_reason")).contains("auto").contains("emu-openai/emulator-priced");
        assertThat(costRecords(done.id()))
                .singleElement()
                .satisfies(r -> assertThat(r.get("billing").asText()).isEqualTo("batch"));
    }

    @Test
    void autoRunsThroughTheGatewayWhenLinesSpanProvidersAndSaysWhy() throws Exception {
        Batch done = awaitEnd(create(
                        List.of(
                                BatchWorkflowTest.line("a", MODEL, "mixed a"),
                                BatchWorkflowTest.line("b", "emu-anthropic/emulator-1", "mixed b")),
                        Map.of())
                .id());
        assertThat(done.status().asString()).isEqualTo("completed");
        assertThat(extra(done, "mode")).isEqualTo("sync");
        assertThat(extra(done, "mode_reason")).contains("more than one provider");
        assertThat(costRecords(done.id()))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.get("billing").asText()).isEqualTo("on_demand"));
    }

    @Test
    void nativeThatCannotRunNativelyFailsValidationNamingWhy() throws Exception {
        Batch done = awaitEnd(create(
                        List.of(
                                BatchWorkflowTest.line("a", MODEL, "x"),
                                BatchWorkflowTest.line("b", "emu-anthropic/emulator-1", "y")),
                        Map.of("mode", "native"))
                .id());
        assertThat(done.status().asString()).isEqualTo("failed");
        var data = done.errors().orElseThrow().data().orElseThrow();
        assertThat(data).singleElement().satisfies(e -> {
            assertThat(e.code().orElseThrow()).isEqualTo("native_unavailable");
            assertThat(e.message().orElseThrow()).contains("more than one provider");
        });
        assertThat(costRecords(done.id())).isEmpty();
    }
}
