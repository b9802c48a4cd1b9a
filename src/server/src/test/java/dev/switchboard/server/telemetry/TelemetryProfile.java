package dev.switchboard.server.telemetry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server with telemetry exported over OTLP/HTTP to an in-process {@link OtlpReceiver}, spans and metric points
 * pushed within a fraction of a second, and a fallback route whose first target always answers 500. Providers come
 * from the global {@link dev.switchboard.server.e2e.EmulatorResource}.
 */
public class TelemetryProfile implements QuarkusTestProfile {
    static final String FALLBACK_ROUTE = "tele-fallback";
    static final String FAILING_MODEL = "emulator-fault-500-tele";
    static final String ANSWERING_MODEL = "emulator-tele-fallback-ok";

    private static volatile OtlpReceiver receiver;

    static OtlpReceiver receiver() {
        return receiver;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("quarkus.http.test-port", "0");
        c.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        c.put("quarkus.otel.exporter.otlp.metrics.protocol", "http/protobuf");
        c.put("quarkus.otel.bsp.schedule.delay", "50ms");
        c.put("quarkus.otel.metric.export.interval", "200ms");
        c.put("switchboard.telemetry.prometheus.enabled", "true");
        c.put("switchboard.routes." + FALLBACK_ROUTE + ".targets", "emu/" + FAILING_MODEL + ",emu/" + ANSWERING_MODEL);
        c.put("switchboard.routes." + FALLBACK_ROUTE + ".retry.max-attempts", "1");
        return c;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Receiver.class));
    }

    /** Starts the receiver and points the OTLP exporter at it. */
    public static class Receiver implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            receiver = OtlpReceiver.start();
            return Map.of("quarkus.otel.exporter.otlp.endpoint", receiver.endpoint());
        }

        @Override
        public void stop() {
            if (receiver != null) receiver.close();
        }
    }
}
