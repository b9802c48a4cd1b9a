package dev.switchboard.batch;

import static dev.switchboard.batch.EngineFixture.lines;
import static dev.switchboard.batch.EngineFixture.prompt;
import static dev.switchboard.batch.EngineFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.batch.job.BatchStatus;
import dev.switchboard.batch.job.JobLayout;
import dev.switchboard.batch.store.LocalDirectoryStore;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.Usage;
import dev.switchboard.testing.ScriptedProvider.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, re-deliveries and racing workers: no line answered twice in the output, no stored line called again. */
class BatchEngineRecoveryTest {
    @TempDir
    Path dir;

    private static final String JOB = "batch_recovery";
    private static final int LINES = 4;

    /** The writes a clean run makes (lease, validation, one per line + progress, finalization). */
    private int writesOfACleanRun() throws Exception {
        EngineFixture f = new EngineFixture(Files.createTempDirectory(dir, "clean"));
        CrashingStore counting = new CrashingStore(f.store, 0);
        f.store = counting;
        BatchEngine engine = f.engine(settings(1));
        f.submit(engine, JOB);
        int before = counting.writes();
        engine.run(JOB, f.input(lines(LINES)), Budget.unlimited());
        return counting.writes() - before;
    }

    @Test
    void aCrashAtAnyWriteLosesNothingAndNeverCallsALineWhoseResultIsStored() throws Exception {
        int writes = writesOfACleanRun();
        assertThat(writes).isGreaterThan(LINES * 2);
        for (int crashAt = 1; crashAt <= writes; crashAt++) {
            EngineFixture f = new EngineFixture(Files.createTempDirectory(dir, "crash" + crashAt));
            LocalDirectoryStore disk = (LocalDirectoryStore) f.store;
            f.store = new CrashingStore(disk, 0);
            BatchEngine first = f.engine(settings(1));
            f.submit(first, JOB);
            InputSource in = f.input(lines(LINES));
            f.store = new CrashingStore(disk, crashAt);
            BatchEngine crashing = f.engine(settings(1));
            assertThatThrownBy(() -> crashing.run(JOB, in, Budget.unlimited()))
                    .as("crash at write " + crashAt)
                    .isInstanceOf(CrashingStore.Crash.class);

            JobLayout layout = new JobLayout("jobs/", JOB);
            Set<String> storedBeforeRestart = new HashSet<>();
            for (String key : disk.list(layout.results())) {
                storedBeforeRestart.add(Json.parse(disk.get(key).orElseThrow())
                        .at("/output/custom_id")
                        .asText());
            }
            int callsBefore = f.totalCalls();

            f.store = disk;
            RunResult r = f.engine(settings(1)).run(JOB, in, Budget.unlimited());

            assertThat(r.batch().status()).as("crash at write " + crashAt).isEqualTo(BatchStatus.COMPLETED);
            assertThat(r.batch().counts().completed()).isEqualTo(LINES);
            List<JsonNode> out = f.fileLines(f.engine(settings(1)), layout.output()).stream()
                    .map(Json::parse)
                    .toList();
            assertThat(out)
                    .extracting(o -> o.get("custom_id").asText())
                    .containsExactly("req-1", "req-2", "req-3", "req-4");
            assertThat(out)
                    .extracting(o ->
                            o.at("/response/body/choices/0/message/content").asText())
                    .containsExactly("echo:req-1", "echo:req-2", "echo:req-3", "echo:req-4");
            for (int i = 1; i <= LINES; i++) {
                String id = "req-" + i;
                // stored before the crash: called once, never again; otherwise at most once more (the line that was
                // called and then lost its checkpoint to the crash)
                if (storedBeforeRestart.contains(id))
                    assertThat(f.calls(id)).as(id + " at crash " + crashAt).isEqualTo(1);
                else assertThat(f.calls(id)).as(id + " at crash " + crashAt).isBetween(1, 2);
            }
            assertThat(f.totalCalls() - callsBefore)
                    .as("calls after the restart at crash " + crashAt)
                    .isEqualTo(LINES - storedBeforeRestart.size());
            assertThat(f.records)
                    .hasSize(f.totalCalls())
                    .extracting(CostRecord::batchJobId)
                    .containsOnly(JOB);
        }
    }

    @Test
    void twoWorkersRacingOnOneJobLeaveExactlyOneResultPerLine() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        CountDownLatch bothStarted = new CountDownLatch(2);
        f.script = r -> {
            bothStarted.countDown();
            try {
                bothStarted.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Step.answer("echo:" + prompt(r), Usage.of(10, 2));
        };
        BatchEngine a = f.engine(settings(3));
        BatchEngine b = f.engine(settings(3));
        f.submit(a, JOB);
        InputSource in = f.input(lines(30));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<RunResult> ra = pool.submit(() -> a.run(JOB, in, Budget.unlimited()));
            Future<RunResult> rb = pool.submit(() -> b.run(JOB, in, Budget.unlimited()));
            RunResult x = ra.get(60, TimeUnit.SECONDS);
            RunResult y = rb.get(60, TimeUnit.SECONDS);
            assertThat(List.of(x.outcome(), y.outcome())).contains(RunResult.Outcome.FINISHED);
        } finally {
            pool.shutdownNow();
        }
        // whichever finished last, a run by anyone now sees the terminal job
        RunResult last = f.engine(settings(1)).run(JOB, in, Budget.unlimited());
        assertThat(last.batch().status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(last.batch().counts().completed()).isEqualTo(30);
        List<String> ids = f.fileLines(a, a.layout(JOB).output()).stream()
                .map(l -> Json.parse(l).get("custom_id").asText())
                .toList();
        assertThat(ids).hasSize(30).doesNotHaveDuplicates();
        // at most the lines in flight at a take-over are called twice
        assertThat(f.totalCalls()).isBetween(30, 30 + 3);
    }

    @Test
    void aRunStartedAtTheSameMomentAsAnotherStandsAside() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        CrashingStore store = new CrashingStore(f.store, 0);
        f.store = store;
        BatchEngine engine = f.engine(settings(1));
        f.submit(engine, JOB);
        JobLayout layout = engine.layout(JOB);
        store.beforeCreate(layout.run(1), real -> real.createIfAbsent(layout.run(1), "other".getBytes()));
        RunResult r = engine.run(JOB, f.input(lines(3)), Budget.unlimited());
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.ALREADY_RUNNING);
        assertThat(f.totalCalls()).isZero();
    }

    @Test
    void aLaterWorkerTakesOverAndTheEarlierStopsBeforeItsNextLine() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        BatchEngine engine = f.engine(settings(1));
        f.submit(engine, JOB);
        JobLayout layout = engine.layout(JOB);
        f.script = r -> {
            // a re-delivered message starts a second run while line 2 is in flight
            if (prompt(r).equals("req-2")) f.store.createIfAbsent(layout.run(2), "later".getBytes());
            return Step.answer("echo:" + prompt(r), Usage.of(10, 2));
        };
        InputSource in = f.input(lines(5));
        RunResult first = engine.run(JOB, in, Budget.unlimited());
        assertThat(first.outcome()).isEqualTo(RunResult.Outcome.SUPERSEDED);
        assertThat(f.totalCalls()).isEqualTo(2);

        f.script = r -> Step.answer("echo:" + prompt(r), Usage.of(10, 2));
        RunResult next = engine.run(JOB, in, Budget.unlimited());
        assertThat(next.batch().status()).isEqualTo(BatchStatus.COMPLETED);
        for (int i = 1; i <= 5; i++) assertThat(f.calls("req-" + i)).isEqualTo(1);
    }
}
