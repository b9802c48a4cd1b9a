package dev.switchboard.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server as an operator runs it: {@code java -jar target/quarkus-app/quarkus-run.jar}, prod profile,
 * configuration from application.yaml plus an extra file ({@code -Dquarkus.config.locations}), no provider key in
 * the environment.
 */
class PackagedServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static Emulator emulator;
    private static ServerProcess server;
    private static HttpClient client;

    /** One server for the happy paths: an extra YAML adds a provider and a route; no keys; emulator asked for. */
    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc());
        Path extra = write("extra.yaml", """
                switchboard:
                  providers:
                    extra-emu:
                      type: openai-compatible
                      base-url: %s/v1
                  routes:
                    extra-route:
                      targets: [extra-emu/emulator-1]
                  # even asked for, the prod profile must not start the in-process emulator
                  dev:
                    emulator: always
                """.formatted(emulator.httpBaseUri()));
        server = ServerProcess.launch("server", List.of("-Dquarkus.config.locations=" + extra), Map.of())
                .awaitReady(START);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (emulator != null) emulator.close();
        if (client != null) client.close();
    }

    @Test
    void extraConfigFileIsHonored() throws Exception {
        assertThat(modelIds()).contains("extra-route", "extra-emu/emulator-1", "extra-emu/emulator-2", "default");
        HttpResponse<String> r = chat("extra-route");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-switchboard-route")).hasValue("extra-route");
        assertThat(JSON.readTree(r.body())
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asText())
                .isEqualTo("Hello from the Switchboard emulator. You said: ping");
        assertThat(emulator.requests("emulator-1")).isNotEmpty();
    }

    @Test
    void missingCredentialsAreReportedAtStartupAndAnswer503NamingTheKey() throws Exception {
        assertThat(server.output())
                .contains("provider 'openai' (openai): NOT AVAILABLE")
                .contains("switchboard.providers.openai.api-key")
                .contains("provider 'anthropic' (anthropic): NOT AVAILABLE");
        HttpResponse<String> r = chat("openai/gpt-4o-mini");
        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("message").asText()).contains("switchboard.providers.openai.api-key");
        // the default route's only target is that provider: same answer through the route
        assertThat(chat("default").statusCode()).isEqualTo(503);
    }

    @Test
    void prodProfileNeverStartsTheEmulator() throws Exception {
        List<String> ids = modelIds();
        assertThat(ids).noneMatch(id -> id.startsWith("emulator/") || id.startsWith("emulator-"));
        assertThat(server.output())
                .doesNotContain("EMULATED")
                .doesNotContain("EMULATOR")
                .contains("Profile prod activated");
        assertThat(chat("emulator/emulator-1").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownProviderTypeFailsStartupNamingTheKey() throws Exception {
        Path bad = write("bad-type.yaml", """
                switchboard:
                  providers:
                    x:
                      type: no-such-type
                """);
        try (ServerProcess p =
                ServerProcess.launch("bad-type", List.of("-Dquarkus.config.locations=" + bad), Map.of())) {
            assertThat(p.awaitExit(START)).isNotZero();
            assertThat(p.output()).contains("switchboard.providers.x.type").contains("no-such-type");
        }
    }

    @Test
    void unknownProviderInARouteFailsStartupNamingTheKey() throws Exception {
        Path bad = write("bad-route.yaml", """
                switchboard:
                  routes:
                    x:
                      targets: [ghost/some-model]
                """);
        try (ServerProcess p =
                ServerProcess.launch("bad-route", List.of("-Dquarkus.config.locations=" + bad), Map.of())) {
            assertThat(p.awaitExit(START)).isNotZero();
            assertThat(p.output()).contains("switchboard.routes.x.targets[0]").contains("unknown provider 'ghost'");
        }
    }

    private static List<String> modelIds() throws Exception {
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(server.uri("/v1/models"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(r.body()).path("data").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    private static HttpResponse<String> chat(String model) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";
        return client.send(
                HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
                        .timeout(Duration.ofSeconds(30))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
