package dev.switchboard.aws;

import static dev.switchboard.testing.LocalProcesses.provider;

import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda package against the wire-level emulator started in the test JVM: {@code emu-bedrock} is the real
 * Bedrock provider (AWS SDK, SigV4 with static test credentials) on the emulator's Bedrock endpoints and
 * {@code emu} an OpenAI-compatible one. Cost records stay on the package's EMF sink (stdout, captured by
 * {@link StdoutCapture}) and are also written as JSON lines to {@link #costFile()}.
 *
 * <p>Two more providers, {@code idle-bedrock} and {@code idle-openai}, point at a socket that only counts
 * connections: SnapStart snapshots the process after init, so nothing may connect upstream before the first
 * request ({@link SnapStartTest}).
 */
public class LambdaEmulatorResource implements QuarkusTestResourceLifecycleManager {
    public static final String NAMESPACE = "SwitchboardTest";

    private static volatile Emulator emulator;
    private static volatile Path costFile;
    private static volatile ServerSocket idle;
    private static final AtomicInteger IDLE_CONNECTIONS = new AtomicInteger();

    public static Emulator emulator() {
        return emulator;
    }

    public static Path costFile() {
        return costFile;
    }

    /** Connections the idle providers' upstream has accepted so far. */
    public static int idleConnections() {
        return IDLE_CONNECTIONS.get();
    }

    @Override
    public Map<String, String> start() {
        StdoutCapture.install();
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc());
        // the Bedrock SDK signs every request; the emulator accepts any signature
        System.setProperty("aws.accessKeyId", "AKIDEMULATOR");
        System.setProperty("aws.secretAccessKey", "emulator-secret");
        try {
            costFile = Files.createTempFile("switchboard-lambda-costs-", ".jsonl");
            idle = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("idle-upstream").start(this::countConnections);

        String http = emulator.httpBaseUri().toString();
        String idleUrl = "http://127.0.0.1:" + idle.getLocalPort();
        Map<String, String> c = new LinkedHashMap<>();
        provider(c, "emu-bedrock", "bedrock", Map.of("endpoint", http, "region", "us-east-1"));
        provider(c, "emu", "openai-compatible", Map.of("base-url", http + "/v1"));
        provider(c, "idle-bedrock", "bedrock", Map.of("endpoint", idleUrl, "region", "us-east-1"));
        provider(c, "idle-openai", "openai", Map.of("base-url", idleUrl + "/v1", "api-key", "sk-idle"));
        c.put("switchboard.routes.default.targets", "emu-bedrock/emulator-1");
        c.put("switchboard.routes.emu-route.targets", "emu/emulator-1");
        c.put("switchboard.pricing.overrides.\"emu-bedrock/emulator-1\".input-per-mtok", "3");
        c.put("switchboard.pricing.overrides.\"emu-bedrock/emulator-1\".output-per-mtok", "15");
        // one attempt per request: the error tests want the upstream's status, not a retried one
        c.put("switchboard.retry.max-attempts", "1");
        c.put("switchboard.cost.emf-namespace", NAMESPACE);
        c.put("switchboard.cost.file", costFile.toString());
        return c;
    }

    private void countConnections() {
        while (!idle.isClosed()) {
            try (Socket s = idle.accept()) {
                IDLE_CONNECTIONS.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        if (emulator != null) emulator.close();
        try {
            if (idle != null) idle.close();
        } catch (IOException ignored) {
            // the test JVM is ending
        }
    }
}
