package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.SwitchboardException;
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
import java.time.Duration;
import java.time.Instant;
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

    /** A running batch carries nothing that names its job: find() leaves it to unattributed(). */
    @Test
    void anotherProcessDoesNotFindARunningBatchByItsJobId() {
        api().create("batch_running", lines(2));
        assertThat(newApi().find("batch_running")).isEmpty();
    }

    @Test
    void aBatchWhoseCreateAnswerWasLostIsAdoptedByAnotherProcess() {
        Instant intent = Instant.now();
        batches().loseNextCreateAnswer();
        assertThatThrownBy(() -> api().create("batch_lost", lines(2))).isInstanceOf(SwitchboardException.class);
        assertThat(providerJobCount()).as("Anthropic accepted it all the same").isEqualTo(1);
        String lostId = batches().newestFirst().getFirst().id();
        api().create("batch_bigger", lines(3)); // another size: not a candidate

        NativeBatchApi fresh = newApi();
        assertThat(fresh.find("batch_lost")).isEmpty();
        List<NativeJob> candidates = fresh.unattributed("batch_lost", 2, intent);
        assertThat(candidates).singleElement().satisfies(j -> {
            assertThat(j.providerJobId()).isEqualTo(lostId);
            assertThat(j.jobId()).isEqualTo("batch_lost");
            assertThat(j.state()).isEqualTo(NativeJob.State.RUNNING);
        });
        finish(candidates.getFirst());
        NativeJob ended = fresh.refresh(candidates.getFirst());
        assertThat(ended.state()).as("its own tag: verified").isEqualTo(NativeJob.State.COMPLETED);
        List<NativeResult> seen = new ArrayList<>();
        fresh.results(ended, seen::add);
        assertThat(seen).extracting(NativeResult::lineId).containsExactlyInAnyOrder("l1", "l2");
        assertThat(providerJobCount()).isEqualTo(2);
    }

    @Test
    void lookAlikesAreAllOfferedSoTheCallerCreatesNothingBlindly() {
        Instant intent = Instant.now();
        batches().loseNextCreateAnswer();
        assertThatThrownBy(() -> api().create("batch_lost", lines(2))).isInstanceOf(SwitchboardException.class);
        newApi().create("batch_same_size", lines(2));
        assertThat(newApi().unattributed("batch_lost", 2, intent)).hasSize(2);
        assertThat(providerJobCount()).isEqualTo(2);
    }

    @Test
    void anAdoptedBatchThatEndsWithAnotherJobsTagFailsTheJobAndGivesItNothing() {
        Instant intent = Instant.now();
        api().create("batch_same_size", lines(2)); // the lost create was in fact refused; this one looks alike
        NativeBatchApi fresh = newApi();
        NativeJob adopted = fresh.unattributed("batch_refused", 2, intent).getFirst();
        NativeJob running = fresh.refresh(adopted);
        assertThat(running.state()).isEqualTo(NativeJob.State.RUNNING);
        finish(adopted);
        NativeJob ended = fresh.refresh(running); // the adoption mark survives a refresh while it runs
        assertThat(ended.state()).isEqualTo(NativeJob.State.FAILED);
        assertThat(ended.message()).contains("another job's requests");
        List<NativeResult> seen = new ArrayList<>();
        fresh.results(ended, seen::add);
        assertThat(seen).isEmpty();
    }

    @Test
    void batchesThisProcessCreatedForOtherJobsEndedOnesAndOlderOnesAreNoCandidates() {
        Instant intent = Instant.now();
        NativeJob known = api().create("batch_known", lines(2));
        assertThat(api().unattributed("batch_lost", 2, intent))
                .as("created here for another job")
                .isEmpty();
        assertThat(newApi().unattributed("batch_lost", 2, intent)).hasSize(1);
        assertThat(newApi().unattributed("batch_lost", 2, intent.plus(Duration.ofHours(1))))
                .as("created before the intent, beyond the clock-skew allowance")
                .isEmpty();
        finish(known);
        assertThat(newApi().unattributed("batch_lost", 2, intent))
                .as("ended: attributed by find")
                .isEmpty();
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
