package dev.switchboard.core.nativebatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every provider's {@link NativeBatchApi} must do, run against that provider's batch emulator. A subclass
 * supplies the API (pointed at a fresh emulator per test) and the emulator's controls.
 *
 * <p>Emulator convention shared by every provider's batch emulator: a line whose last user message is exactly
 * {@link #FAIL_TEXT} gets an error result (the provider's per-line error shape); every other line is answered
 * as the real-time emulator answers it ("... You said: &lt;text&gt;").
 */
public abstract class NativeBatchApiContract {

    /** The text that makes the batch emulators fail one line. */
    public static final String FAIL_TEXT = "switchboard-emulator: fail this line";

    /** The API under test, its provider configured against a fresh emulator. */
    protected abstract NativeBatchApi api();

    /** A model the emulator serves in batch jobs (the provider's own id). */
    protected abstract String model();

    /** Makes the emulator finish the provider job: every line gets its result. */
    protected abstract void finish(NativeJob job);

    /** Makes the emulator expire the job after answering only its first {@code answered} lines (input order). */
    protected abstract void expireAfter(NativeJob job, int answered);

    /** How many provider jobs the emulator holds (all states). */
    protected abstract int providerJobCount();

    protected ChatRequest request(String text) {
        return ChatRequest.builder()
                .model(model())
                .messages(List.of(Message.user(text)))
                .maxTokens(64)
                .build();
    }

    private List<NativeRequest> lines(int n) {
        List<NativeRequest> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(new NativeRequest(NativeRequest.forLine(i), request("line " + i)));
        return out;
    }

    private Map<String, NativeResult> resultsOf(NativeJob job) {
        Map<String, NativeResult> out = new LinkedHashMap<>();
        api().results(
                        job,
                        r -> assertThat(out.put(r.lineId(), r))
                                .as("one result per line")
                                .isNull());
        return out;
    }

    private NativeJob refreshUntilTerminal(NativeJob job) {
        for (int i = 0; i < 50 && !job.state().terminal(); i++) job = api().refresh(job);
        return job;
    }

    @Test
    void findsNothingForAJobNeverCreated() {
        assertThat(api().find("batch_never_created")).isEmpty();
    }

    @Test
    void findReturnsTheJobCreatedForTheSwitchboardJob() {
        NativeJob created = api().create("batch_contract_find", lines(2));
        assertThat(created.jobId()).isEqualTo("batch_contract_find");
        assertThat(created.provider()).isEqualTo(api().provider());
        assertThat(api().find("batch_contract_find"))
                .get()
                .extracting(NativeJob::providerJobId)
                .isEqualTo(created.providerJobId());
        assertThat(api().find("batch_contract_other")).isEmpty();
        assertThat(providerJobCount()).isEqualTo(1);
    }

    @Test
    void everyLineGetsItsOwnAnswerMatchedById() {
        List<NativeRequest> lines = new ArrayList<>(lines(3));
        java.util.Collections.reverse(lines); // submitted out of line order: matching must not rely on it
        NativeJob job = api().create("batch_contract_match", lines);
        finish(job);
        job = refreshUntilTerminal(job);
        assertThat(job.state()).isEqualTo(NativeJob.State.COMPLETED);
        Map<String, NativeResult> results = resultsOf(job);
        assertThat(results).containsOnlyKeys("l1", "l2", "l3");
        for (int i = 1; i <= 3; i++) {
            ChatResponse r = results.get("l" + i).response();
            assertThat(r).as("line %d answered", i).isNotNull();
            assertThat(r.text()).contains("line " + i);
            assertThat(r.usage().inputTokens()).isPositive();
            assertThat(r.usage().outputTokens()).isPositive();
        }
    }

    @Test
    void aFailedLineIsAnErrorAndTheOthersAreAnswered() {
        List<NativeRequest> lines = new ArrayList<>(lines(2));
        lines.add(new NativeRequest("l3", request(FAIL_TEXT)));
        NativeJob job = api().create("batch_contract_partial", lines);
        finish(job);
        job = refreshUntilTerminal(job);
        assertThat(job.state().terminal()).isTrue();
        Map<String, NativeResult> results = resultsOf(job);
        assertThat(results.get("l1").response()).isNotNull();
        assertThat(results.get("l2").response()).isNotNull();
        assertThat(results.get("l3").error()).isNotNull();
        assertThat(results.get("l3").error().httpStatus()).isBetween(400, 599);
    }

    @Test
    void anExpiredJobKeepsTheResultsOfFinishedLines() {
        NativeJob job = api().create("batch_contract_expired", lines(3));
        expireAfter(job, 1);
        job = refreshUntilTerminal(job);
        assertThat(job.state()).isIn(NativeJob.State.EXPIRED, NativeJob.State.PARTIAL);
        Map<String, NativeResult> results = resultsOf(job);
        assertThat(results.get("l1")).isNotNull();
        assertThat(results.get("l1").response()).isNotNull();
        // the unanswered lines either have no result or an error result; never an answer
        results.values().stream()
                .filter(r -> !r.lineId().equals("l1"))
                .forEach(r -> assertThat(r.response()).isNull());
    }

    @Test
    void aCancelledJobEndsCancelled() {
        NativeJob job = api().create("batch_contract_cancel", lines(2));
        api().cancel(job);
        job = refreshUntilTerminal(job);
        assertThat(job.state()).isEqualTo(NativeJob.State.CANCELLED);
        api().cancel(job); // cancelling a terminal job is harmless
    }

    @Test
    void refreshReportsProgressCounts() {
        NativeJob job = api().create("batch_contract_counts", lines(3));
        finish(job);
        job = refreshUntilTerminal(job);
        if (job.total() != null) assertThat(job.total()).isEqualTo(3);
        if (job.succeeded() != null) assertThat(job.succeeded()).isEqualTo(3);
    }
}
