package dev.switchboard.batch;

import static dev.switchboard.batch.EngineFixture.line;
import static dev.switchboard.batch.EngineFixture.lines;
import static dev.switchboard.batch.EngineFixture.prompt;
import static dev.switchboard.batch.EngineFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.batch.job.BatchStatus;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.Usage;
import dev.switchboard.testing.ScriptedProvider.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchEngineTest {
    @TempDir
    Path dir;

    private static final String JOB = "batch_test1";

    private static Overloaded down() {
        return new Overloaded(ErrorInfo.upstream("openai", 503, "down"));
    }

    @Test
    void runsEveryLineThroughTheGatewayFallsOverAndSplitsOutputAndErrors() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        f.script = r -> {
            String p = prompt(r);
            if (p.equals("fallback") && r.model().equals("a")) return Step.fail(down());
            if (p.equals("everywhere")) return Step.fail(down());
            return Step.answer("echo:" + p, Usage.of(10, 2));
        };
        BatchEngine engine = f.engine(settings(2));
        f.submit(engine, JOB);
        List<String> in = List.of(
                line("plain"),
                "",
                line("fallback"),
                line("everywhere"),
                "{\"custom_id\":\"bad-body\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                        + "\"body\":{\"model\":\"main\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"bogus\":1}}");

        RunResult r = engine.run(JOB, f.input(in), Budget.unlimited());

        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.FINISHED);
        BatchObject b = r.batch();
        assertThat(b.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(b.counts().total()).isEqualTo(4);
        assertThat(b.counts().completed()).isEqualTo(2);
        assertThat(b.counts().failed()).isEqualTo(2);
        assertThat(b.outputFileId()).isEqualTo("file-" + JOB + "-output");
        assertThat(b.errorFileId()).isEqualTo("file-" + JOB + "-errors");
        assertThat(b.totals().inputTokens()).isEqualTo(20);
        assertThat(b.totals().outputTokens()).isEqualTo(4);
        assertThat(b.totals().costUsd()).isEqualByComparingTo("0.000020");
        assertThat(b.totals().priceVersion()).isEqualTo("test-v1");
        assertThat(b.times().inProgressAt()).isNotNull();
        assertThat(b.times().finalizingAt()).isNotNull();
        assertThat(b.times().completedAt()).isNotNull();
        assertThat(b.metadata()).containsEntry("team", "data");

        List<JsonNode> out = f.fileLines(engine, engine.layout(JOB).output()).stream()
                .map(Json::parse)
                .toList();
        assertThat(out).extracting(o -> o.get("custom_id").asText()).containsExactly("plain", "fallback");
        JsonNode fallback = out.get(1);
        assertThat(fallback.get("id").asText()).startsWith("batch_req_");
        assertThat(fallback.at("/response/status_code").asInt()).isEqualTo(200);
        assertThat(fallback.at("/response/request_id").asText()).startsWith("req_");
        assertThat(fallback.at("/response/body/object").asText()).isEqualTo("chat.completion");
        assertThat(fallback.at("/response/body/model").asText()).isEqualTo("openai/scripted-model");
        assertThat(fallback.at("/response/body/choices/0/message/content").asText())
                .isEqualTo("echo:fallback");
        assertThat(fallback.get("error").isNull()).isTrue();

        List<JsonNode> errors = f.fileLines(engine, engine.layout(JOB).errors()).stream()
                .map(Json::parse)
                .toList();
        assertThat(errors).extracting(o -> o.get("custom_id").asText()).containsExactly("everywhere", "bad-body");
        assertThat(errors.get(0).at("/response/status_code").asInt()).isEqualTo(503);
        assertThat(errors.get(0).at("/response/body/error/message").asText())
                .contains("All targets of route 'main' failed");
        assertThat(errors.get(1).at("/response/status_code").asInt()).isEqualTo(400);
        assertThat(errors.get(1).at("/response/body/error/param").asText()).isEqualTo("bogus");

        // one record per attempt, all carrying the job id: plain 1, fallback 2, everywhere 2
        assertThat(f.records).hasSize(5).extracting(CostRecord::batchJobId).containsOnly(JOB);
        assertThat(f.records).filteredOn(c -> c.outcome().equals("ok")).hasSize(2);
    }

    @Test
    void anthropicLinesAreAnsweredInTheMessagesDialect() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        BatchEngine engine = f.engine(settings(1));
        engine.submit(new JobRequest(JOB, "f", null, "24h", null));
        String messages =
                "{\"custom_id\":\"m1\",\"method\":\"POST\",\"url\":\"/v1/messages\",\"body\":{\"model\":\"main\","
                        + "\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"m1\"}]}}";
        String badMessages =
                "{\"custom_id\":\"m2\",\"method\":\"POST\",\"url\":\"/v1/messages\",\"body\":{\"model\":\"main\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"m2\"}]}}";
        RunResult r = engine.run(JOB, f.input(List.of(messages, line("c1"), badMessages)), Budget.unlimited());
        assertThat(r.batch().counts().completed()).isEqualTo(2);
        JsonNode m1 =
                Json.parse(f.fileLines(engine, engine.layout(JOB).output()).get(0));
        assertThat(m1.at("/response/body/type").asText()).isEqualTo("message");
        assertThat(m1.at("/response/body/content/0/text").asText()).isEqualTo("echo:m1");
        JsonNode m2 =
                Json.parse(f.fileLines(engine, engine.layout(JOB).errors()).get(0));
        assertThat(m2.at("/response/body/type").asText())
                .as("Anthropic error shape")
                .isEqualTo("error");
        assertThat(m2.at("/response/body/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void anInvalidFileFailsValidationWithLineNumbersAndNothingIsCalled() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        BatchEngine engine = f.engine(settings(2));
        f.submit(engine, JOB);
        RunResult r = engine.run(JOB, f.input(List.of(line("a"), "{not json", line("a"))), Budget.unlimited());
        assertThat(r.batch().status()).isEqualTo(BatchStatus.FAILED);
        assertThat(r.batch().times().failedAt()).isNotNull();
        assertThat(r.batch().errors())
                .extracting(e -> e.code() + "@" + e.line())
                .containsExactly("invalid_json_line@2", "duplicate_custom_id@3");
        JsonNode json = r.batch().toJson();
        assertThat(json.at("/errors/object").asText()).isEqualTo("list");
        assertThat(json.at("/errors/data/1/line").asInt()).isEqualTo(3);
        assertThat(f.totalCalls()).isZero();
        assertThat(f.records).isEmpty();
        assertThat(r.batch().outputFileId()).isNull();
    }

    @Test
    void upstream429sPauseTheJobInsteadOfFailingLines() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        int[] n = {0};
        f.script = r -> {
            n[0]++;
            if (n[0] == 1)
                return Step.fail(new RateLimited(ErrorInfo.upstream("openai", 429, "slow"), Duration.ofSeconds(3)));
            if (n[0] <= 5) return Step.fail(new RateLimited(ErrorInfo.upstream("openai", 429, "slow"), null));
            return Step.answer("echo:" + prompt(r), Usage.of(10, 2));
        };
        BatchEngine engine = f.engine(settings(1));
        f.submit(engine, JOB);
        RunResult r = engine.run(JOB, f.input(lines(2)), Budget.unlimited());

        assertThat(r.batch().counts().completed()).isEqualTo(2);
        assertThat(r.batch().counts().failed()).isZero();
        // a, b both limited each time (fallback inside the gateway), so each pause follows a whole route failure:
        // Retry-After 3 s first, then backoff 1 s doubling per consecutive 429 without a hint
        assertThat(f.time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(2));
    }

    @Test
    void aLineStillRateLimitedAfterItsWaitsFailsWithThe429() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        f.script = r -> Step.fail(new RateLimited(ErrorInfo.upstream("openai", 429, "slow"), null));
        BatchEngine engine =
                f.engine(settings(1).withRateLimitBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 3));
        f.submit(engine, JOB);
        RunResult r = engine.run(JOB, f.input(lines(1)), Budget.unlimited());
        assertThat(r.batch().counts().failed()).isEqualTo(1);
        assertThat(f.time.sleeps())
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        JsonNode err =
                Json.parse(f.fileLines(engine, engine.layout(JOB).errors()).get(0));
        assertThat(err.at("/response/status_code").asInt()).isEqualTo(429);
        assertThat(err.at("/response/body/error/type").asText()).isEqualTo("rate_limit_error");
    }

    @Test
    void stopsEarlyEnoughToCheckpointAndContinuesWhereItStopped() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        f.script = r -> Step.answer("echo:" + prompt(r), Usage.of(10, 2)).after(Duration.ofSeconds(10));
        BatchSettings s = settings(1).withDeadlines(Duration.ofSeconds(15), Duration.ofSeconds(5));
        BatchEngine engine = f.engine(s);
        f.submit(engine, JOB);
        InputSource in = f.input(lines(12));

        List<RunResult> runs = new ArrayList<>();
        RunResult r;
        do {
            r = engine.run(JOB, in, Budget.of(Duration.ofSeconds(60), f.time.ticker()));
            runs.add(r);
        } while (r.outcome() == RunResult.Outcome.CONTINUE && runs.size() < 10);

        // 60 s budget, 20 s kept back, 10 s per line: a line starts while 20 s or more are left, 5 per invocation
        assertThat(runs)
                .extracting(RunResult::outcome)
                .containsExactly(RunResult.Outcome.CONTINUE, RunResult.Outcome.CONTINUE, RunResult.Outcome.FINISHED);
        assertThat(runs.get(0).batch().status()).isEqualTo(BatchStatus.IN_PROGRESS);
        assertThat(runs.get(0).batch().counts().completed()).isEqualTo(5);
        assertThat(runs.get(1).batch().counts().completed()).isEqualTo(10);
        assertThat(r.batch().status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(r.batch().counts().completed()).isEqualTo(12);
        for (int i = 1; i <= 12; i++)
            assertThat(f.calls("req-" + i)).as("req-" + i).isEqualTo(1);
        assertThat(f.fileLines(engine, engine.layout(JOB).output())).hasSize(12);
    }

    @Test
    void cancelStopsTakingLinesKeepsWhatFinishedAndEndsCancelled() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        BatchEngine engine = f.engine(settings(1));
        f.submit(engine, JOB);
        f.script = r -> {
            if (prompt(r).equals("req-2")) engine.cancel(JOB);
            return Step.answer("echo:" + prompt(r), Usage.of(10, 2));
        };
        RunResult r = engine.run(JOB, f.input(lines(5)), Budget.unlimited());

        assertThat(r.batch().status()).isEqualTo(BatchStatus.CANCELLED);
        assertThat(r.batch().times().cancellingAt()).isNotNull();
        assertThat(r.batch().times().cancelledAt()).isNotNull();
        assertThat(r.batch().counts())
                .extracting(c -> c.total() + "/" + c.completed() + "/" + c.failed())
                .isEqualTo("5/2/0");
        assertThat(f.totalCalls()).isEqualTo(2);
        assertThat(f.fileLines(engine, engine.layout(JOB).output())).hasSize(2);
        assertThat(engine.run(JOB, f.input(lines(5)), Budget.unlimited()).outcome())
                .isEqualTo(RunResult.Outcome.FINISHED);
        assertThat(f.totalCalls()).isEqualTo(2);
    }

    @Test
    void aCancelBeforeAnyRunEndsTheJobWithoutCalls() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        BatchEngine engine = f.engine(settings(1));
        f.submit(engine, JOB);
        assertThat(engine.cancel(JOB))
                .hasValueSatisfying(b -> assertThat(b.status()).isEqualTo(BatchStatus.CANCELLING));
        RunResult r = engine.run(JOB, f.input(lines(3)), Budget.unlimited());
        assertThat(r.batch().status()).isEqualTo(BatchStatus.CANCELLED);
        assertThat(f.totalCalls()).isZero();
    }

    @Test
    void aJobPastItsCompletionWindowEndsExpiredWithTheUnrunLinesInTheErrorFile() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        BatchEngine engine = f.engine(settings(1));
        f.submit(engine, JOB);
        f.script = r -> {
            if (prompt(r).equals("req-2")) f.clock.advance(Duration.ofHours(25));
            return Step.answer("echo:" + prompt(r), Usage.of(10, 2));
        };
        RunResult r = engine.run(JOB, f.input(lines(4)), Budget.unlimited());
        assertThat(r.batch().status()).isEqualTo(BatchStatus.EXPIRED);
        assertThat(r.batch().counts())
                .extracting(c -> c.completed() + "/" + c.failed())
                .isEqualTo("2/2");
        List<JsonNode> errors = f.fileLines(engine, engine.layout(JOB).errors()).stream()
                .map(Json::parse)
                .toList();
        assertThat(errors)
                .extracting(e -> e.at("/error/code").asText())
                .containsExactly("batch_expired", "batch_expired");
        assertThat(errors).extracting(e -> e.get("custom_id").asText()).containsExactly("req-3", "req-4");
    }

    @Test
    void aDuplicateDeliveryOfAFinishedJobCallsNothing() throws Exception {
        EngineFixture f = new EngineFixture(dir);
        BatchEngine engine = f.engine(settings(2));
        BatchObject first = f.submit(engine, JOB);
        InputSource in = f.input(lines(3));
        engine.run(JOB, in, Budget.unlimited());
        assertThat(f.submit(engine, JOB).status())
                .as("submit again returns the job")
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(first.status()).isEqualTo(BatchStatus.VALIDATING);
        RunResult again = engine.run(JOB, in, Budget.unlimited());
        assertThat(again.outcome()).isEqualTo(RunResult.Outcome.FINISHED);
        assertThat(f.totalCalls()).isEqualTo(3);
        assertThat(f.records).hasSize(3);
    }
}
