package dev.switchboard.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.emulator.behavior.RecordedRequest;
import dev.switchboard.emulator.nativebatch.EmulatedBatches;
import dev.switchboard.provider.EmulatorBatchContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gemini batch mode ({@code GeminiBatchApi}) against the emulator's batch endpoints. */
class GeminiNativeBatchContractTest extends EmulatorBatchContract {

    @Override
    protected ProviderFactory factory() {
        return new GeminiProviderFactory();
    }

    @Override
    protected ProviderSettings.Builder settings() {
        return ProviderSettings.builder("gem", "gemini").apiKey("AIza-test");
    }

    @Override
    protected EmulatedBatches batches() {
        return emulator.nativeBatches().gemini();
    }

    @Override
    protected String emulatorId(NativeJob job) {
        return job.providerJobId().substring("batches/".length());
    }

    @Test
    void theBatchIsNamedAfterTheJobAndEachLineCarriesItsKey() {
        NativeJob job = api().create("batch_named", List.of(new NativeRequest("l7", request("seven"))));
        assertThat(job.providerJobId()).startsWith("batches/");
        RecordedRequest create = emulator.requests("emulator-1").getLast();
        assertThat(create.path()).endsWith("/models/emulator-1:batchGenerateContent");
        JsonNode batch = create.body().path("batch");
        assertThat(batch.path("display_name").asText()).isEqualTo("batch_named");
        JsonNode line =
                batch.path("input_config").path("requests").path("requests").get(0);
        assertThat(line.path("metadata").path("key").asText()).isEqualTo("l7");
        assertThat(line.path("request")
                        .path("contents")
                        .get(0)
                        .path("parts")
                        .get(0)
                        .path("text")
                        .asText())
                .isEqualTo("seven");
        assertThat(create.header("x-goog-api-key"))
                .as("the key travels in the header")
                .isNotNull();
    }

    /** Unlike Anthropic, a running batch is found by another process: its display name is the job id. */
    @Test
    void anotherProcessFindsARunningBatchByItsDisplayName() {
        NativeJob job = api().create("batch_running", List.of(new NativeRequest("l1", request("hi"))));
        assertThat(newApi().find("batch_running")).get().satisfies(found -> {
            assertThat(found.providerJobId()).isEqualTo(job.providerJobId());
            assertThat(found.state().terminal()).isFalse();
        });
    }
}
