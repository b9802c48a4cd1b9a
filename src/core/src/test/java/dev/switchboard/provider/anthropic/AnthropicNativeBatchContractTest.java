package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.nativebatch.NativeResult;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.emulator.nativebatch.EmulatedBatches;
import dev.switchboard.provider.EmulatorBatchContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Message Batches API ({@code AnthropicBatchApi}) against the emulator's batch endpoints. */
class AnthropicNativeBatchContractTest extends EmulatorBatchContract {

    @Override
    protected ProviderFactory factory() {
        return new AnthropicProviderFactory();
    }

    @Override
    protected ProviderSettings.Builder settings() {
        return ProviderSettings.builder("claude", "anthropic").apiKey("sk-ant-test");
    }

    @Override
    protected EmulatedBatches batches() {
        return emulator.nativeBatches().anthropic();
    }

    private List<NativeRequest> lines(int n) {
        List<NativeRequest> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(new NativeRequest(NativeRequest.forLine(i), request("line " + i)));
        return out;
    }

    @Test
    void anotherProcessFindsAnEndedBatchByTheTagInItsCustomIds() {
        NativeJob job = api().create("batch_other_process", lines(2));
        api().create("batch_someone_else", lines(2));
        finish(job);
        NativeBatchApi fresh = newApi();
        assertThat(fresh.find("batch_other_process"))
                .get()
                .extracting(NativeJob::providerJobId)
                .isEqualTo(job.providerJobId());
        assertThat(newApi().find("batch_never_created")).isEmpty();
    }

    /** The documented limit: a running batch carries nothing that names its job, so another process cannot adopt it. */
    @Test
    void anotherProcessDoesNotAdoptARunningBatchItCannotAttribute() {
        api().create("batch_running", lines(2));
        assertThat(newApi().find("batch_running")).isEmpty();
    }

    @Test
    void resultsKeepOnlyTheLinesOfTheirOwnJob() {
        NativeJob mine = api().create("batch_mine", lines(2));
        finish(mine);
        NativeJob posing = new NativeJob(
                "claude", mine.providerJobId(), "batch_not_mine", NativeJob.State.COMPLETED, 2, 2, 0, null, Map.of());
        List<NativeResult> seen = new ArrayList<>();
        api().results(posing, seen::add);
        assertThat(seen).isEmpty();
    }

    @Test
    void aLineForAnUnknownModelIsAnErrorOfThatLine() {
        ChatRequest unknown = ChatRequest.builder()
                .model("not-a-model")
                .messages(List.of(Message.user("hi")))
                .maxTokens(16)
                .build();
        NativeJob job = api().create("batch_unknown_model", List.of(new NativeRequest("l1", unknown)));
        finish(job);
        List<NativeResult> seen = new ArrayList<>();
        api().results(api().refresh(job), seen::add);
        assertThat(seen)
                .singleElement()
                .satisfies(r -> assertThat(r.error().httpStatus()).isEqualTo(404));
    }

    @Test
    void aRequestTheMessagesApiCannotTakeIsNamedAsUnsupported() {
        ChatRequest seeded = request("hi").toBuilder().seed(7L).build();
        assertThat(api().unsupported(seeded)).get().asString().contains("seed");
        assertThat(api().unsupported(request("hi"))).isEmpty();
    }

    @Test
    void jobsFinishByThemselvesAfterTheConfiguredNumberOfPolls() {
        batches().finishAfterGets(2);
        NativeJob job = api().create("batch_auto", lines(1));
        assertThat(api().refresh(job).state()).isEqualTo(NativeJob.State.RUNNING);
        assertThat(api().refresh(job).state()).isEqualTo(NativeJob.State.COMPLETED);
    }
}
