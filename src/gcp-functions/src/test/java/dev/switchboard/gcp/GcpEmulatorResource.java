package dev.switchboard.gcp;

import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;

/** The GCP package's REST layer against the emulator: Vertex over plaintext gRPC and an OpenAI-compatible provider. */
public class GcpEmulatorResource implements QuarkusTestResourceLifecycleManager {
    private Emulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
        Map<String, String> c = new LinkedHashMap<>();
        c.put("switchboard.providers.vertex.endpoint", emulator.grpcTarget());
        c.put("switchboard.providers.vertex.plaintext", "true");
        c.put("switchboard.providers.vertex.project", "test-project");
        c.put("switchboard.providers.emu.type", "openai-compatible");
        c.put("switchboard.providers.emu.base-url", emulator.httpBaseUri() + "/v1");
        c.put("switchboard.routes.default.targets", "vertex/emulator-1");
        c.put("switchboard.cost.sink", "none");
        return c;
    }

    @Override
    public void stop() {
        if (emulator != null) emulator.close();
    }
}
