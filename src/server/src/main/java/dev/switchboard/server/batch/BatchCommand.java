package dev.switchboard.server.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.batch.BatchConfig;
import dev.switchboard.batch.BatchEngine;
import dev.switchboard.batch.BatchSettings;
import dev.switchboard.batch.Budget;
import dev.switchboard.batch.InputSource;
import dev.switchboard.batch.JobIds;
import dev.switchboard.batch.JobRequest;
import dev.switchboard.batch.RunResult;
import dev.switchboard.batch.format.BatchLimits;
import dev.switchboard.batch.job.BatchObject;
import dev.switchboard.batch.job.BatchStatus;
import dev.switchboard.batch.job.JobLayout;
import dev.switchboard.batch.store.LocalDirectoryStore;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.json.Json;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * {@code batch <in.jsonl> <outdir>}: runs the file through the configured routes (the local server's configuration
 * and cost sinks), writes {@code output.jsonl}, {@code errors.jsonl} and {@code batch.json} to the directory and
 * prints a JSON summary on stdout. Exit codes: 0 every line succeeded, 1 some lines failed, 2 invalid input (usage,
 * unreadable or invalid file), 3 configuration or provider unavailable. Re-running the same file into the same
 * directory resumes it (checkpoints under {@code <outdir>/.work}).
 */
@jakarta.enterprise.context.Dependent
public class BatchCommand implements QuarkusApplication {
    public static final int OK = 0;
    public static final int SOME_FAILED = 1;
    public static final int INVALID_INPUT = 2;
    public static final int UNAVAILABLE = 3;

    /** The real stdout, kept for the summary: logs and cost records written to stdout go to stderr instead. */
    private static PrintStream summaryOut = System.out;

    @Inject
    Gateway gateway;

    @Inject
    BatchConfig config;

    public static void launch(String... args) {
        summaryOut = System.out;
        System.setOut(System.err);
        System.setProperty("quarkus.http.host-enabled", "false");
        System.setProperty("quarkus.log.console.stderr", "true");
        int[] code = {UNAVAILABLE};
        Quarkus.run(
                BatchCommand.class,
                (exit, failure) -> {
                    code[0] = exit;
                    if (failure != null) {
                        // the application never started: a configuration error (startup validation names the key)
                        code[0] = UNAVAILABLE;
                        summary(error("configuration", String.valueOf(failure.getMessage())));
                    }
                },
                args);
        System.exit(code[0]);
    }

    @Override
    public int run(String... args) {
        if (args.length != 3) {
            summary(error("usage", "usage: batch <in.jsonl> <outdir>"));
            return INVALID_INPUT;
        }
        Path in = Path.of(args[1]).toAbsolutePath();
        Path out = Path.of(args[2]).toAbsolutePath();
        if (!Files.isRegularFile(in) || !Files.isReadable(in)) {
            summary(error("input", "cannot read " + in));
            return INVALID_INPUT;
        }
        try {
            return run(in, out);
        } catch (IOException e) {
            summary(error("io", e.getMessage()));
            return UNAVAILABLE;
        }
    }

    /** Runs one file to its end; the exit code. */
    public int run(Path in, Path out) throws IOException {
        Files.createDirectories(out);
        LocalDirectoryStore store = new LocalDirectoryStore(out.resolve(".work"));
        BatchSettings settings = BatchSettings.DEFAULT
                .withConcurrency(config.concurrency())
                .withLimits(new BatchLimits(
                        config.maxLines(),
                        config.maxFileSize().asLongValue(),
                        (int) Math.min(Integer.MAX_VALUE, config.maxLineSize().asLongValue()),
                        100));
        BatchEngine engine = new BatchEngine(gateway, store, settings);
        String id = JobIds.fromInput(in.toString(), sha256(in));
        // no completion window on the command line: the run ends when the file does
        // the command line waits for its answers: through the gateway, never a provider batch job of up to 24 h
        engine.submit(new JobRequest(id, in.toString(), null, "9999h", Map.of(BatchEngine.MODE_KEY, "sync")));
        RunResult r;
        do {
            r = engine.run(id, InputSource.file(in), Budget.unlimited());
        } while (r.outcome() == RunResult.Outcome.CONTINUE);
        if (r.outcome() != RunResult.Outcome.FINISHED) {
            summary(error("busy", "another runner is working on " + in + " in " + out));
            return UNAVAILABLE;
        }
        BatchObject batch = r.batch();
        JobLayout layout = engine.layout(id);
        Path output = copy(store, layout.output(), out.resolve("output.jsonl"));
        Path errors = copy(store, layout.errors(), out.resolve("errors.jsonl"));
        Files.write(out.resolve("batch.json"), batch.toBytes());
        ObjectNode s = batch.toJson();
        s.put("input_path", in.toString());
        if (output != null) s.put("output_path", output.toString());
        else s.putNull("output_path");
        if (errors != null) s.put("error_path", errors.toString());
        else s.putNull("error_path");
        summary(s);
        return exitCode(batch, errors);
    }

    static int exitCode(BatchObject batch, Path errors) throws IOException {
        if (batch.status() == BatchStatus.FAILED) return INVALID_INPUT;
        if (batch.counts().failed() == 0
                && batch.counts().completed() == batch.counts().total()) return OK;
        if (batch.counts().completed() == 0 && errors != null && allUnavailable(errors)) return UNAVAILABLE;
        return SOME_FAILED;
    }

    /**
     * Every failed line failed because no provider could serve it: not configured / unavailable (503) or an unknown
     * model or provider (404) — a setup problem, not a problem of the lines.
     */
    private static boolean allUnavailable(Path errors) throws IOException {
        try (var lines = Files.lines(errors)) {
            return lines.map(Json::parse).allMatch(l -> {
                int status = l.at("/response/status_code").asInt();
                return status == 503 || status == 404;
            });
        }
    }

    private static Path copy(LocalDirectoryStore store, String key, Path target) throws IOException {
        Path source = store.path(key);
        if (!Files.isRegularFile(source)) {
            Files.deleteIfExists(target);
            return null;
        }
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode error(String kind, String message) {
        ObjectNode n = Json.object();
        n.put("status", "error");
        n.put("error", kind);
        n.put("message", message);
        return n;
    }

    private static void summary(JsonNode json) {
        summaryOut.println(Json.write(json));
        summaryOut.flush();
    }
}
