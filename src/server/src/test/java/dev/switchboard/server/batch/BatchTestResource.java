package dev.switchboard.server.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.batch.BatchEngine;
import dev.switchboard.batch.BatchSettings;
import dev.switchboard.batch.JobRequest;
import dev.switchboard.batch.format.BatchEndpoint;
import dev.switchboard.batch.job.LineResult;
import dev.switchboard.batch.store.LocalDirectoryStore;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.routing.Sleeper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fresh batch directory per test run, native jobs polled every 100 ms, a priced emulator model for native jobs
 * ({@link #NATIVE_PRICED_MODEL}), and routes for batch lines on the emulator (next to the emulator providers
 * of {@code EmulatorResource}): {@code batch-fallback} (a target answering 503, then a working one) and
 * {@code batch-broken} (two targets that always fail); and a job left unfinished by a "previous process"
 * ({@link #SEEDED_JOB}), which the server must resume at startup.
 */
public class BatchTestResource implements QuarkusTestResourceLifecycleManager {
    private static volatile Path dir;

    public static Path dir() {
        return dir;
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("switchboard-batch-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        seedUnfinishedJob(dir);
        Map<String, String> c = new LinkedHashMap<>();
        c.put("switchboard.batch.dir", dir.toString());
        c.put("switchboard.batch.concurrency", "4");
        // native jobs (lines all on emu-openai run as emulated OpenAI batches in auto mode) are polled quickly
        c.put("switchboard.batch.native-poll-interval", "100ms");
        String priced = "switchboard.pricing.overrides.\"" + NATIVE_PRICED_MODEL + "\".";
        c.put(priced + "input-per-mtok", "2.5");
        c.put(priced + "output-per-mtok", "10");
        c.put(priced + "batch-input-per-mtok", BATCH_INPUT_PER_MTOK);
        c.put(priced + "batch-output-per-mtok", BATCH_OUTPUT_PER_MTOK);
        c.put("switchboard.routes.batch-fallback.targets", "emu/emulator-fault-503,emu-openai/emulator-1");
        c.put("switchboard.routes.batch-fallback.retry.max-attempts", "1");
        c.put("switchboard.routes.batch-fallback.cross-provider", "true");
        c.put("switchboard.routes.batch-broken.targets", "emu/emulator-fault-503,emu-openai/emulator-fault-500");
        c.put("switchboard.routes.batch-broken.retry.max-attempts", "1");
        c.put("switchboard.routes.batch-broken.cross-provider", "true");
        return c;
    }

    /** An OpenAI model of the emulator with on-demand and batch prices, for native jobs. */
    public static final String NATIVE_PRICED_MODEL = "emu-openai/emulator-priced";

    public static final String BATCH_INPUT_PER_MTOK = "1.25";
    public static final String BATCH_OUTPUT_PER_MTOK = "5";

    /** A job a previous process created and half ran: line 1 has its checkpoint, line 2 has not. */
    public static final String SEEDED_JOB = "batch_seededbyaformerprocess";

    public static final String SEEDED_FILE = "file-0123456789abcdef0123456789abcdef";
    public static final String SEEDED_ANSWER = "answered before the restart";

    private static void seedUnfinishedJob(Path dir) {
        LocalDirectoryStore store = new LocalDirectoryStore(dir);
        store.put(
                "files/" + SEEDED_FILE + "/content",
                (BatchWorkflowTest.line("before", "emu-openai/emulator-1", "one") + "\n"
                                + BatchWorkflowTest.line("after", "emu-openai/emulator-1", "resumed line") + "\n")
                        .getBytes());
        store.put(
                "files/" + SEEDED_FILE + "/file.json",
                ("{\"id\":\"" + SEEDED_FILE + "\",\"object\":\"file\",\"bytes\":1,"
                                + "\"created_at\":1,\"filename\":\"seed.jsonl\",\"purpose\":\"batch\",\"status\":\"processed\"}")
                        .getBytes());
        // created by the former process an hour ago: a job created within the same second as a test's own would
        // tie on created_at (seconds, as OpenAI's) and sort by id, ahead of them (BatchWorkflowTest's listing flaked
        // so)
        BatchEngine engine = new BatchEngine(
                null,
                store,
                BatchSettings.DEFAULT,
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)),
                System::nanoTime,
                Sleeper.SYSTEM);
        engine.submit(new JobRequest(SEEDED_JOB, SEEDED_FILE, BatchEndpoint.CHAT_COMPLETIONS, "24h", Map.of()));
        ObjectNode output = Json.object();
        output.put("id", "batch_req_seeded");
        output.put("custom_id", "before");
        ObjectNode response = output.putObject("response");
        response.put("status_code", 200);
        response.put("request_id", "req_seeded");
        response.putObject("body").put("seeded", SEEDED_ANSWER);
        output.putNull("error");
        store.createIfAbsent(
                engine.layout(SEEDED_JOB).result(1),
                new LineResult(1, true, output, 1L, 1L, null, null, null, null).toBytes());
    }

    @Override
    public void stop() {}
}
