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
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every provider type with a batch API, driven through the local server with the official OpenAI SDK in each mode
 * ({@code native}, {@code auto} → native, {@code sync}): the batch object, the output and error lines and the cost
 * records a caller sees. OpenAI itself is covered in more depth by {@link NativeBatchWorkflowTest}; the providers
 * here are the emulator's ({@code EmulatorResource}), each answering with its own batch API emulation; Bedrock's
 * and Vertex's job files live in the buckets of {@link NativeProvidersResource}.
 */
@QuarkusTest
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = BatchTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = NativeProvidersResource.class, restrictToAnnotatedClass = true)
class NativeBatchProvidersTest {

    @TestHTTPResource("/v1")
    URL base;

    OpenAIClient client;

    @BeforeEach
    void client() {
        client = BatchSdk.client(base);
    }

    /** Bedrock batch jobs take Claude (vendor {@code anthropic}) ids, Vertex batch jobs Gemini names only. */
    private static String model(String provider) {
        return switch (provider) {
            case "emu-bedrock" -> provider + "/us.anthropic.emulator-1";
            case "emu-vertex" -> provider + "/gemini-emulator-1";
            default -> provider + "/emulator-1";
        };
    }

    /** Lines a native job needs at least: Bedrock takes 100 records or more. */
    private static int minimum(String provider) {
        return provider.equals("emu-bedrock") ? 100 : 1;
    }

    /** {@code lines} plus filler lines up to the provider's minimum. */
    private static List<String> padded(String provider, List<String> lines) {
        List<String> all = new ArrayList<>(lines);
        for (int i = all.size(); i < minimum(provider); i++) {
            all.add(BatchWorkflowTest.line("filler-" + i, model(provider), "filler " + i));
        }
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"emu-openai", "emu-azure", "emu-anthropic", "emu-gemini", "emu-bedrock", "emu-vertex"})
    void nativeModeRunsAsTheProvidersBatchJob(String provider) throws Exception {
        String model = model(provider);
        List<String> lines = padded(
                provider,
                List.of(
                        BatchWorkflowTest.line("first", model, provider + " one"),
                        BatchWorkflowTest.line("broken", model, NativeBatchApiContract.FAIL_TEXT),
                        BatchWorkflowTest.line("second", model, provider + " two")));
        int n = lines.size();
        Batch done = run(lines, Map.of("mode", "native"));

        assertThat(done.status().asString()).isEqualTo("completed");
        assertThat(extra(done, "mode")).isEqualTo("native");
        String providerJob = extra(done, "provider_batch_id");
        assertThat(providerJob).isNotBlank();
        var counts = done.requestCounts().orElseThrow();
        assertThat(counts.total()).isEqualTo(n);
        assertThat(counts.completed()).isEqualTo(n - 1);
        assertThat(counts.failed()).isEqualTo(1);

        List<JsonNode> out = content(done.outputFileId().orElseThrow());
        assertThat(out).hasSize(n - 1);
        assertThat(out.subList(0, 2))
                .extracting(o -> o.get("custom_id").asText() + "="
                        + o.at("/response/body/choices/0/message/content").asText())
                .containsExactly(
                        "first=" + BatchWorkflowTest.GREETING + provider + " one",
                        "second=" + BatchWorkflowTest.GREETING + provider + " two");
        for (JsonNode o : out) {
            assertThat(o.at("/response/status_code").asInt()).isEqualTo(200);
            assertThat(o.at("/response/body/object").asText()).isEqualTo("chat.completion");
        }
        List<JsonNode> errors = content(done.errorFileId().orElseThrow());
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.get("custom_id").asText()).isEqualTo("broken");
            assertThat(e.at("/response/status_code").asInt()).isEqualTo(400);
        });

        List<JsonNode> records = costRecords(done.id());
        assertThat(records).as("one record per collected line").hasSize(n);
        assertThat(records).extracting(r -> r.get("request_id").asText()).doesNotHaveDuplicates();
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("billing").asText()).isEqualTo("batch");
            assertThat(r.get("provider").asText()).isEqualTo(provider);
            assertThat(r.get("provider_job_id").asText()).isEqualTo(providerJob);
            assertThat(r.get("latency_ms").isNull()).isTrue();
        });
        assertThat(records)
                .extracting(r -> r.get("outcome").asText())
                .containsOnlyOnce("invalid_request")
                .containsOnly("ok", "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"emu-openai", "emu-azure", "emu-anthropic", "emu-gemini", "emu-bedrock", "emu-vertex"})
    void autoModeRunsNativelyAndSaysWhy(String provider) throws Exception {
        List<String> lines =
                padded(provider, List.of(BatchWorkflowTest.line("only", model(provider), "auto " + provider)));
        Batch done = run(lines, Map.of());

        assertThat(done.status().asString()).isEqualTo("completed");
        assertThat(extra(done, "mode")).isEqualTo("native");
        assertThat(extra(done, "mode_reason")).contains("auto").contains(model(provider));
        assertThat(extra(done, "provider_batch_id")).isNotBlank();
        List<JsonNode> out = content(done.outputFileId().orElseThrow());
        assertThat(out).hasSize(lines.size());
        JsonNode first = out.get(0);
        assertThat(first.get("custom_id").asText()).isEqualTo("only");
        assertThat(first.at("/response/body/choices/0/message/content").asText())
                .isEqualTo(BatchWorkflowTest.GREETING + "auto " + provider);
        assertThat(costRecords(done.id()))
                .hasSize(lines.size())
                .allSatisfy(r -> assertThat(r.get("billing").asText()).isEqualTo("batch"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"emu-openai", "emu-azure", "emu-anthropic", "emu-gemini", "emu-bedrock", "emu-vertex"})
    void syncModeRunsThroughTheGateway(String provider) throws Exception {
        String model = model(provider);
        Batch done = run(
                List.of(BatchWorkflowTest.line("a", model, "sync a"), BatchWorkflowTest.line("b", model, "sync b")),
                Map.of("mode", "sync"));

        assertThat(done.status().asString()).isEqualTo("completed");
        assertThat(extra(done, "mode")).isEqualTo("sync");
        assertThat(extra(done, "provider_batch_id")).isNull();
        assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(2);
        assertThat(content(done.outputFileId().orElseThrow()))
                .extracting(o -> o.get("custom_id").asText() + "="
                        + o.at("/response/body/choices/0/message/content").asText())
                .containsExactlyInAnyOrder(
                        "a=" + BatchWorkflowTest.GREETING + "sync a", "b=" + BatchWorkflowTest.GREETING + "sync b");
        assertThat(costRecords(done.id())).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("billing").asText()).isEqualTo("on_demand");
            assertThat(r.get("provider").asText()).isEqualTo(provider);
        });
    }

    private Batch run(List<String> lines, Map<String, String> metadata) throws InterruptedException {
        return BatchSdk.awaitEnd(
                client, BatchSdk.create(client, lines, metadata).id());
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
}
