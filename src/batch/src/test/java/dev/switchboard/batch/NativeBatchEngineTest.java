package dev.switchboard.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.batch.job.BatchStatus;
import dev.switchboard.batch.testing.FakeNativeBatchApi;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.nativebatch.NativeBatchApiContract;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A native job's life in the engine against the in-memory batch API: submit, poll, collect into the same output
 * lines as a sync job, one batch-priced cost record per collected line; and what at-least-once delivery does to it
 * (runs repeated, collectors racing, a crash between the provider's create and recording it, a crash mid-collect).
 */
class NativeBatchEngineTest {
    static final String JOB = "batch_native";

    @TempDir
    Path dir;

    EngineFixture f;
    FakeNativeBatchApi api;
    BatchEngine engine;
    InputSource input;

    @BeforeEach
    void setUp() throws Exception {
        f = new EngineFixture(dir);
        api = new FakeNativeBatchApi("openai");
        f.openaiBatch = api;
        engine = f.engine(EngineFixture.settings(2));
        input = f.input(List.of(
                EngineFixture.line("first", "main", "one"),
                EngineFixture.line("second", "main", NativeBatchApiContract.FAIL_TEXT),
                EngineFixture.line("third", "main", "three")));
        f.submit(engine, JOB, Map.of("mode", "native"));
    }

    private RunResult run() {
        return engine.run(JOB, input, Budget.unlimited());
    }

    private NativeJob providerJob() {
        assertThat(api.jobsOf(JOB)).as("exactly one provider job").hasSize(1);
        return api.jobsOf(JOB).get(0);
    }

    private List<JsonNode> file(String key) {
        return f.fileLines(engine, key).stream().map(Json::parse).toList();
    }

    private void assertOneBatchRecordPerAnsweredOrFailedLine() {
        assertThat(f.records).hasSize(3);
        assertThat(f.records)
                .extracting(CostRecord::requestId)
                .containsExactlyInAnyOrder(JobIds.lineId(JOB, 1), JobIds.lineId(JOB, 2), JobIds.lineId(JOB, 3));
        assertThat(f.records).allSatisfy(r -> {
            assertThat(r.billing()).isEqualTo(CostRecord.BATCH);
            assertThat(r.batchJobId()).isEqualTo(JOB);
            assertThat(r.providerJobId()).isEqualTo(providerJob().providerJobId());
            assertThat(r.latencyMs()).isNull();
            assertThat(r.ttftMs()).isNull();
            assertThat(r.provider()).isEqualTo("openai");
            assertThat(r.model()).isEqualTo("a");
            assertThat(r.route()).isEqualTo("main");
        });
    }

    @Test
    void waitsWhileTheProviderJobRunsThenCollectsLikeASyncJob() {
        RunResult first = run();
        assertThat(first.outcome()).isEqualTo(RunResult.Outcome.WAITING);
        assertThat(first.pollAfter()).isPositive();
        assertThat(first.batch().status()).isEqualTo(BatchStatus.IN_PROGRESS);
        assertThat(run().outcome()).isEqualTo(RunResult.Outcome.WAITING);
        assertThat(f.records).isEmpty();

        api.finish(providerJob());
        RunResult last = run();

        assertThat(last.outcome()).isEqualTo(RunResult.Outcome.FINISHED);
        BatchObject b = last.batch();
        assertThat(b.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(b.counts().total()).isEqualTo(3);
        assertThat(b.counts().completed()).isEqualTo(2);
        assertThat(b.counts().failed()).isEqualTo(1);
        assertThat(b.mode().providerBatchId()).isEqualTo(providerJob().providerJobId());
        List<JsonNode> out = file(engine.layout(JOB).output());
        assertThat(out).extracting(l -> l.path("custom_id").asText()).containsExactly("first", "third");
        JsonNode answer = out.get(0);
        assertThat(answer.path("id").asText()).isEqualTo(JobIds.lineId(JOB, 1));
        assertThat(answer.at("/response/status_code").asInt()).isEqualTo(200);
        assertThat(answer.at("/response/request_id").asText()).isEqualTo(JobIds.lineId(JOB, 1));
        assertThat(answer.at("/response/body/object").asText()).isEqualTo("chat.completion");
        assertThat(answer.at("/response/body/model").asText()).isEqualTo("openai/a");
        assertThat(answer.at("/response/body/choices/0/message/content").asText())
                .isEqualTo(FakeNativeBatchApi.GREETING + "one");
        assertThat(answer.at("/response/body/usage/prompt_tokens").asInt()).isEqualTo(10);
        List<JsonNode> errors = file(engine.layout(JOB).errors());
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path("custom_id").asText()).isEqualTo("second");
            assertThat(e.at("/response/status_code").asInt()).isEqualTo(400);
        });
        assertOneBatchRecordPerAnsweredOrFailedLine();
        CostRecord ok = f.records.stream()
                .filter(r -> r.requestId().equals(JobIds.lineId(JOB, 1)))
                .findFirst()
                .orElseThrow();
        assertThat(ok.outcome()).isEqualTo("ok");
        assertThat(ok.costUsd()).as("batch rate: half of 10 µ$").isEqualByComparingTo("0.000005");
        assertThat(b.totals().costUsd()).isEqualByComparingTo("0.000010");
        assertThat(f.totalCalls()).as("nothing went through the gateway").isZero();
    }

    @Test
    void aRedeliveredEventAfterTheEndWritesNothingAgain() {
        run();
        api.finish(providerJob());
        run();
        RunResult again = run();
        assertThat(again.outcome()).isEqualTo(RunResult.Outcome.FINISHED);
        assertOneBatchRecordPerAnsweredOrFailedLine();
    }

    @Test
    void twoCollectorsRacingWriteOneRecordPerLine() throws Exception {
        run();
        api.finish(providerJob());
        BatchObject batch = engine.get(JOB).orElseThrow();
        CountDownLatch start = new CountDownLatch(1);
        Callable<RunResult> collector = () -> {
            start.await();
            return new NativeRun(
                            engine.store(), engine.layout(JOB), engine.settings(), f.gateway(), f.clock, batch, input)
                    .run(false);
        };
        List<Future<RunResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            results.add(pool.submit(collector));
            results.add(pool.submit(collector));
            start.countDown();
            for (Future<RunResult> r : results) assertThat(r.get().outcome()).isEqualTo(RunResult.Outcome.FINISHED);
        }
        assertOneBatchRecordPerAnsweredOrFailedLine();
        assertThat(file(engine.layout(JOB).output())).hasSize(2);
    }

    @Test
    void aCrashAfterTheProviderAcceptedTheJobAdoptsItInsteadOfCreatingASecond() {
        api.failNextCreateAfterAccepting();
        assertThatThrownBy(this::run).isInstanceOf(UpstreamError.class);
        assertThat(api.jobCount()).isEqualTo(1);

        assertThat(run().outcome()).isEqualTo(RunResult.Outcome.WAITING);
        assertThat(api.creates()).as("found, not created again").isEqualTo(1);
        api.finish(providerJob());
        assertThat(run().batch().status()).isEqualTo(BatchStatus.COMPLETED);
        assertOneBatchRecordPerAnsweredOrFailedLine();
    }

    @Test
    void aCrashMidCollectIsFinishedByTheNextRunWithoutASecondRecord() {
        run();
        api.finish(providerJob());
        api.failNextResultsAfter(1);
        assertThatThrownBy(this::run).isInstanceOf(UpstreamError.class);
        assertThat(f.records).hasSize(1);

        RunResult r = run();
        assertThat(r.batch().status()).isEqualTo(BatchStatus.COMPLETED);
        assertOneBatchRecordPerAnsweredOrFailedLine();
        assertThat(file(engine.layout(JOB).output())).hasSize(2);
    }

    @Test
    void anExpiredProviderJobKeepsItsFinishedLinesAndMarksTheRestExpired() {
        run();
        api.expireAfter(providerJob(), 1);
        BatchObject b = run().batch();
        assertThat(b.status()).isEqualTo(BatchStatus.EXPIRED);
        assertThat(file(engine.layout(JOB).output()))
                .extracting(l -> l.path("custom_id").asText())
                .containsExactly("first");
        assertThat(file(engine.layout(JOB).errors()))
                .extracting(l -> l.at("/error/code").asText())
                .containsExactly("batch_expired", "batch_expired");
        assertThat(f.records)
                .singleElement()
                .satisfies(r -> assertThat(r.billing()).isEqualTo("batch"));
    }

    @Test
    void cancellingCancelsTheProviderJobAndCollectsWhatFinished() {
        run();
        engine.cancel(JOB);
        RunResult r = run();
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.FINISHED);
        assertThat(r.batch().status()).isEqualTo(BatchStatus.CANCELLED);
        assertThat(providerJob().state()).isEqualTo(NativeJob.State.CANCELLED);
        assertThat(file(engine.layout(JOB).errors()))
                .extracting(l -> l.at("/error/code").asText())
                .containsOnly("batch_cancelled")
                .hasSize(3);
        assertThat(f.records).isEmpty();
    }

    @Test
    void aFailedProviderJobFailsTheBatchWithTheProvidersReason() {
        run();
        api.fail(providerJob());
        BatchObject b = run().batch();
        assertThat(b.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(b.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("provider_batch_failed");
            assertThat(e.message()).contains("the fake batch job failed");
        });
        assertThat(file(engine.layout(JOB).errors()))
                .extracting(l -> l.at("/error/code").asText())
                .containsOnly("batch_failed");
    }

    @Test
    void theStateSurvivesInTheStoreForAnotherWorker() {
        run();
        BatchEngine other = f.engine(EngineFixture.settings(2));
        assertThat(other.run(JOB, input, Budget.unlimited()).outcome()).isEqualTo(RunResult.Outcome.WAITING);
        api.finish(providerJob());
        assertThat(other.run(JOB, input, Budget.unlimited()).batch().status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(api.creates()).isEqualTo(1);
    }

    /** Three requests for model "a", as another job of the same size would submit them. */
    private static List<NativeRequest> threeLines() {
        List<NativeRequest> out = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ChatRequest r = ChatRequest.builder()
                    .model("a")
                    .messages(List.of(Message.user("other " + i)))
                    .build();
            out.add(new NativeRequest(NativeRequest.forLine(i), r));
        }
        return out;
    }

    /** Anthropic-like: a running job names no Switchboard job, so the lost create is adopted via the intent. */
    @Test
    void aLostCreateOnAProviderThatCannotFindRunningJobsIsAdoptedThroughTheIntent() {
        api.findSeesOnlyEnded();
        api.failNextCreateAfterAccepting();
        assertThatThrownBy(this::run).isInstanceOf(UpstreamError.class);
        assertThat(f.store.exists(engine.layout(JOB).nativeIntent())).isTrue();

        assertThat(run().outcome()).isEqualTo(RunResult.Outcome.WAITING);
        assertThat(api.creates()).as("adopted, not created again").isEqualTo(1);
        api.finish(providerJob());
        assertThat(run().batch().status()).isEqualTo(BatchStatus.COMPLETED);
        assertOneBatchRecordPerAnsweredOrFailedLine();
    }

    @Test
    void severalRunningLookAlikesMakeTheRunWaitInsteadOfCreatingASecondJob() {
        api.findSeesOnlyEnded();
        api.failNextCreateAfterAccepting();
        assertThatThrownBy(this::run).isInstanceOf(UpstreamError.class);
        NativeJob other = api.create("batch_other", threeLines());

        assertThat(run().outcome()).isEqualTo(RunResult.Outcome.WAITING);
        assertThat(api.jobsOf(JOB)).as("no second job while it is ambiguous").hasSize(1);
        api.finish(other); // ended: no longer a candidate, the one left is adopted
        assertThat(run().outcome()).isEqualTo(RunResult.Outcome.WAITING);
        api.finish(providerJob());
        assertThat(run().batch().status()).isEqualTo(BatchStatus.COMPLETED);
        assertOneBatchRecordPerAnsweredOrFailedLine();
    }

    @Test
    void withoutAnIntentARunningLookAlikeIsNeverAdopted() {
        api.findSeesOnlyEnded();
        api.create("batch_other", threeLines());
        assertThat(run().outcome()).isEqualTo(RunResult.Outcome.WAITING);
        assertThat(api.jobsOf(JOB)).as("its own job, created").hasSize(1);
        assertThat(api.jobsOf("batch_other")).hasSize(1);
    }

    @Test
    void aRefusedCreateLeavesNoIntentSoALookAlikeIsNotAdoptedLater() {
        api.findSeesOnlyEnded();
        api.refuseNextCreate();
        assertThatThrownBy(this::run).isInstanceOf(InvalidRequest.class);
        assertThat(f.store.exists(engine.layout(JOB).nativeIntent())).isFalse();
        api.create("batch_other", threeLines());
        assertThat(run().outcome()).isEqualTo(RunResult.Outcome.WAITING);
        assertThat(api.jobsOf(JOB)).as("its own job, created").hasSize(1);
    }
}
