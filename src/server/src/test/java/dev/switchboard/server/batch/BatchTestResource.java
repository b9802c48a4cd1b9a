package dev.switchboard.server.batch;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fresh batch directory per test run, and routes for batch lines on the emulator (next to the emulator providers
 * of {@code EmulatorResource}): {@code batch-fallback} (a target answering 503, then a working one) and
 * {@code batch-broken} (two targets that always fail).
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
        Map<String, String> c = new LinkedHashMap<>();
        c.put("switchboard.batch.dir", dir.toString());
        c.put("switchboard.batch.concurrency", "4");
        c.put("switchboard.routes.batch-fallback.targets", "emu/emulator-fault-503,emu-openai/emulator-1");
        c.put("switchboard.routes.batch-fallback.retry.max-attempts", "1");
        c.put("switchboard.routes.batch-fallback.cross-provider", "true");
        c.put("switchboard.routes.batch-broken.targets", "emu/emulator-fault-503,emu-openai/emulator-fault-500");
        c.put("switchboard.routes.batch-broken.retry.max-attempts", "1");
        c.put("switchboard.routes.batch-broken.cross-provider", "true");
        return c;
    }

    @Override
    public void stop() {
    }
}
