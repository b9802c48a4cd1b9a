package dev.switchboard.server.e2e;

import static dev.switchboard.testing.LocalProcesses.provider;

import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the wire-level emulator in the test JVM and points one provider of every type at it:
 * {@code emu} (openai-compatible), {@code emu-openai}, {@code emu-azure}, {@code emu-anthropic}, {@code emu-gemini},
 * {@code emu-bedrock} (real AWS SDK, static test credentials) and {@code emu-vertex} (real aiplatform client,
 * plaintext gRPC). Cost records go to a JSONL file the tests parse ({@link #costFile()}).
 *
 * <p>Also: route {@code emu-default}; one route per provider, {@code ratelimited-<provider>}, whose only target
 * answers 429 with Retry-After 2 and which does not retry, so the 429 reaches the caller at once; and a price for
 * {@code emu/emulator-priced} ({@link #PRICED_MODEL}), the only priced emulator model.
 */
public class EmulatorResource implements QuarkusTestResourceLifecycleManager {
    /** Provider ids served by the emulator, one per provider type. */
    public static final String[] PROVIDERS = {
        "emu", "emu-openai", "emu-azure", "emu-anthropic", "emu-gemini", "emu-bedrock", "emu-vertex"
    };

    /** Priced by override at {@link #INPUT_PER_MTOK} / {@link #OUTPUT_PER_MTOK} USD per million tokens. */
    public static final String PRICED_MODEL = "emu/emulator-priced";

    public static final String INPUT_PER_MTOK = "2.5";
    public static final String OUTPUT_PER_MTOK = "10";

    private static volatile Emulator emulator;
    private static volatile Path costFile;

    public static Emulator emulator() {
        return emulator;
    }

    public static Path costFile() {
        return costFile;
    }

    @Override
    public Map<String, String> start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
        // the Bedrock SDK signs every request; the emulator accepts any signature
        System.setProperty("aws.accessKeyId", "AKIDEMULATOR");
        System.setProperty("aws.secretAccessKey", "emulator-secret");
        try {
            costFile = Files.createTempFile("switchboard-costs-", ".jsonl");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String http = emulator.httpBaseUri().toString();
        Map<String, String> c = new LinkedHashMap<>();
        provider(c, "emu", "openai-compatible", Map.of("base-url", http + "/v1"));
        provider(c, "emu-openai", "openai", Map.of("base-url", http + "/v1", "api-key", "sk-test-emulator"));
        provider(
                c,
                "emu-azure",
                "azure-openai",
                Map.of("base-url", http, "api-key", "azure-test", "api-version", "2024-10-21"));
        provider(c, "emu-anthropic", "anthropic", Map.of("base-url", http, "api-key", "ant-test"));
        provider(c, "emu-gemini", "gemini", Map.of("base-url", http, "api-key", "gemini-test"));
        provider(c, "emu-bedrock", "bedrock", Map.of("endpoint", http, "region", "us-east-1"));
        provider(
                c,
                "emu-vertex",
                "vertex",
                Map.of(
                        "endpoint",
                        emulator.grpcTarget(),
                        "plaintext",
                        "true",
                        "project",
                        "test-project",
                        "location",
                        "us-central1"));
        c.put("switchboard.routes.emu-default.targets", "emu/emulator-1");
        for (String p : PROVIDERS) {
            c.put("switchboard.routes.ratelimited-" + p + ".targets", p + "/emulator-fault-429-ra2");
            c.put("switchboard.routes.ratelimited-" + p + ".retry.max-attempts", "1");
        }
        c.put("switchboard.pricing.overrides.\"" + PRICED_MODEL + "\".input-per-mtok", INPUT_PER_MTOK);
        c.put("switchboard.pricing.overrides.\"" + PRICED_MODEL + "\".output-per-mtok", OUTPUT_PER_MTOK);
        // a free port, not 8081: other builds on the same machine may be running their Quarkus tests
        c.put("quarkus.http.test-port", "0");
        c.put("switchboard.cost.sink", "none");
        c.put("switchboard.cost.file", costFile.toString());
        return c;
    }

    @Override
    public void stop() {
        if (emulator != null) emulator.close();
    }
}
