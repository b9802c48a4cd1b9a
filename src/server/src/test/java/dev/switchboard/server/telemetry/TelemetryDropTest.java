package dev.switchboard.server.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A collector that stalls, then refuses: requests are answered as usual, the spans that do not fit the bounded queue
 * are dropped and counted ({@code switchboard.telemetry.dropped{reason=queue_full}}), and so are the spans of the
 * failed exports ({@code reason=export_failed}), on {@code GET /q/metrics}.
 */
@QuarkusTest
@TestProfile(TelemetryDropTest.Profile.class)
class TelemetryDropTest {
    private static final int QUEUE = 4;
    private static final Pattern DROPPED = Pattern.compile("switchboard_telemetry_dropped_total\\{([^}]*)}\\s+(\\S+)");

    @Test
    void aStalledCollectorCostsSpansNotRequestsAndTheDropsAreCounted() {
        for (int i = 0; i < 30; i++) {
            given().contentType("application/json")
                    .body("{\"model\":\"emu/emulator-drop-" + i
                            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .post("/v1/chat/completions")
                    .then()
                    .statusCode(200);
        }
        // 60 spans; the exporter holds at most one batch (<= QUEUE spans) while the collector stalls
        assertThat(dropped("queue_full")).isGreaterThanOrEqualTo(60 - 2 * QUEUE);

        StalledCollector.release();
        Exported.await(
                "export_failed drops",
                () -> Optional.of(dropped("export_failed")).filter(n -> n > 0));
    }

    private static double dropped(String reason) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = DROPPED.matcher(text);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains("reason=\"" + reason + "\"") && m.group(1).contains("signal=\"spans\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.test-port", "0",
                    "switchboard.telemetry.prometheus.enabled", "true",
                    "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                    "quarkus.otel.exporter.otlp.metrics.protocol", "http/protobuf",
                    "quarkus.otel.exporter.otlp.traces.timeout", "120s",
                    "quarkus.otel.bsp.export.timeout", "120s",
                    "quarkus.otel.bsp.schedule.delay", "20ms",
                    "quarkus.otel.bsp.max.queue.size", Integer.toString(QUEUE));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StalledCollector.class));
        }
    }

    /** Holds every trace export until released, then answers 400 (not retried); metric exports are accepted. */
    public static class StalledCollector implements QuarkusTestResourceLifecycleManager {
        private static final CountDownLatch RELEASED = new CountDownLatch(1);
        private HttpServer server;

        static void release() {
            RELEASED.countDown();
        }

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/v1/traces", ex -> {
                ex.getRequestBody().readAllBytes();
                try {
                    RELEASED.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.sendResponseHeaders(400, -1);
                ex.close();
            });
            server.createContext("/", ex -> {
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            server.start();
            return Map.of(
                    "quarkus.otel.exporter.otlp.endpoint",
                    "http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void stop() {
            release();
            if (server != null) server.stop(0);
        }
    }
}
