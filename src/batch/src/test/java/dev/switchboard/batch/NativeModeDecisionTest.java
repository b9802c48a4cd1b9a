package dev.switchboard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.batch.job.BatchStatus;
import dev.switchboard.batch.testing.FakeNativeBatchApi;
import dev.switchboard.batch.testing.WithNativeBatch;
import dev.switchboard.core.model.Usage;
import dev.switchboard.testing.ScriptedProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mode decision, one test per row: {@code metadata.mode} sync | native | auto (default), and for auto every reason
 * a job runs through the gateway instead of as a provider batch job. The reason is in the batch object.
 */
class NativeModeDecisionTest {
    @TempDir
    Path dir;

    EngineFixture f;
    FakeNativeBatchApi openaiBatch;
    FakeNativeBatchApi bedrockBatch;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(dir);
        openaiBatch = new FakeNativeBatchApi("openai")
                .unsupported(r -> r.messages().get(0).text().contains("audio")
                        ? Optional.of("the batch API takes no audio")
                        : Optional.empty());
        f.openaiBatch = openaiBatch;
        bedrockBatch = new FakeNativeBatchApi("bedrock", 3, 4);
        f.extraProviders.add(new WithNativeBatch(answering(new ScriptedProvider("bedrock", "bedrock")), bedrockBatch));
        f.extraProviders.add(answering(new ScriptedProvider("anthropic", "anthropic")));
    }

    private static ScriptedProvider answering(ScriptedProvider p) {
        return p.otherwise(r -> ScriptedProvider.Step.answer("real-time answer", Usage.of(1, 1)));
    }

    private RunResult run(List<String> lines, String mode) throws Exception {
        BatchEngine engine = f.engine(EngineFixture.settings(2));
        f.submit(engine, "batch_mode", mode == null ? Map.of() : Map.of("mode", mode));
        return engine.run("batch_mode", f.input(lines), Budget.unlimited());
    }

    private static String line(int n, String model) {
        return EngineFixture.line("c" + n, model, "hello " + n);
    }

    private static void assertSync(RunResult r, String reasonPart) {
        BatchObject b = r.batch();
        assertThat(b.mode().mode()).isEqualTo("sync");
        assertThat(b.mode().reason()).contains(reasonPart);
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.FINISHED);
        assertThat(b.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(b.toJson().path("mode").asText()).isEqualTo("sync");
        assertThat(b.toJson().path("mode_reason").asText()).contains(reasonPart);
    }

    @Test
    void autoIsNativeWhenEveryLineGoesToOneModelOfOneProviderWithABatchApi() throws Exception {
        RunResult r = run(List.of(line(1, "openai/m"), line(2, "openai/m")), null);
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.WAITING);
        assertThat(r.pollAfter()).isPositive();
        assertThat(r.batch().mode().mode()).isEqualTo("native");
        assertThat(r.batch().mode().reason()).contains("auto").contains("openai/m");
        assertThat(r.batch().toJson().path("provider_batch_id").asText())
                .isEqualTo(openaiBatch.jobsOf("batch_mode").get(0).providerJobId());
        assertThat(f.totalCalls()).isZero();
    }

    @Test
    void autoResolvesARouteToItsFirstTarget() throws Exception {
        run(List.of(line(1, "main"), line(2, "main")), "auto");
        assertThat(openaiBatch.jobsOf("batch_mode")).hasSize(1);
        assertThat(openaiBatch.requests(openaiBatch.jobsOf("batch_mode").get(0)))
                .allSatisfy(req -> assertThat(req.request().model()).isEqualTo("a"));
    }

    @Test
    void autoIsSyncWhenTheProviderHasNoBatchApi() throws Exception {
        assertSync(run(List.of(line(1, "anthropic/m")), null), "'anthropic' has no batch API");
    }

    @Test
    void autoIsSyncWhenLinesGoToTwoProviders() throws Exception {
        assertSync(run(List.of(line(1, "openai/m"), line(2, "anthropic/m")), null), "more than one provider");
    }

    @Test
    void autoIsSyncWhenLinesUseTwoModels() throws Exception {
        assertSync(run(List.of(line(1, "openai/m"), line(2, "openai/n")), null), "more than one model");
    }

    @Test
    void autoIsSyncBelowTheProvidersMinimum() throws Exception {
        assertSync(run(List.of(line(1, "bedrock/m"), line(2, "bedrock/m")), null), "fewer than the 3");
    }

    @Test
    void autoIsSyncAboveTheProvidersMaximum() throws Exception {
        List<String> lines = List.of(
                line(1, "bedrock/m"),
                line(2, "bedrock/m"),
                line(3, "bedrock/m"),
                line(4, "bedrock/m"),
                line(5, "bedrock/m"));
        assertSync(run(lines, null), "more than the 4");
    }

    @Test
    void autoIsSyncWhenALineUsesAFeatureTheBatchApiLacks() throws Exception {
        List<String> lines = List.of(line(1, "openai/m"), EngineFixture.line("c2", "openai/m", "audio please"));
        assertSync(run(lines, null), "line 2: the batch API takes no audio");
    }

    @Test
    void autoIsSyncWhenALineStreams() throws Exception {
        String streaming = "{\"custom_id\":\"s\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{"
                + "\"model\":\"openai/m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}}";
        RunResult r = run(List.of(line(1, "openai/m"), streaming), null);
        assertThat(r.batch().mode().mode()).isEqualTo("sync");
        assertThat(r.batch().mode().reason()).contains("line 2 asks for streaming");
    }

    @Test
    void autoIsSyncWhenALineNamesAnUnknownModel() throws Exception {
        RunResult r = run(List.of(line(1, "openai/m"), line(2, "nowhere/m")), null);
        assertThat(r.batch().mode().mode()).isEqualTo("sync");
        assertThat(r.batch().mode().reason()).contains("line 2").contains("nowhere");
    }

    @Test
    void syncRequestedRunsThroughTheGatewayEvenWhenNativeCould() throws Exception {
        RunResult r = run(List.of(line(1, "openai/m")), "sync");
        assertSync(r, "requested");
        assertThat(openaiBatch.jobCount()).isZero();
        assertThat(f.totalCalls()).isEqualTo(1);
    }

    @Test
    void nativeRequestedRunsNatively() throws Exception {
        RunResult r = run(List.of(line(1, "openai/m")), "native");
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.WAITING);
        assertThat(r.batch().mode().mode()).isEqualTo("native");
        assertThat(openaiBatch.jobCount()).isEqualTo(1);
    }

    @Test
    void nativeRequestedThatCannotRunNativelyFailsValidationWithTheReason() throws Exception {
        RunResult r = run(List.of(line(1, "openai/m"), line(2, "anthropic/m")), "native");
        assertThat(r.batch().status()).isEqualTo(BatchStatus.FAILED);
        assertThat(r.batch().errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("native_unavailable");
            assertThat(e.message()).contains("more than one provider");
        });
        assertThat(f.totalCalls()).isZero();
        assertThat(openaiBatch.jobCount()).isZero();
    }

    @Test
    void anUnknownModeFailsValidation() throws Exception {
        RunResult r = run(List.of(line(1, "openai/m")), "cheap");
        assertThat(r.batch().status()).isEqualTo(BatchStatus.FAILED);
        assertThat(r.batch().errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("invalid_mode");
            assertThat(e.message()).contains("cheap");
        });
    }
}
