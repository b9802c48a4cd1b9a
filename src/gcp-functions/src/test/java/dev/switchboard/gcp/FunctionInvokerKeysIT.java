package dev.switchboard.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.auth.ApiKeys;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged function under the real invoker with auth_mode = keys, configured as terraform does it: the
 * auth-config YAML read as an extra config location. Both paths check the key: the Quarkus bridge (non-streamed)
 * and {@link SwitchboardFunction}'s own streaming path.
 */
class FunctionInvokerKeysIT {
    private static final String KEY = ApiKeys.generate("gcf1");

    private static Emulator emulator;
    private static InvokerProcess function;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.defaults());
        Path authYaml = Files.createTempFile("auth-", ".yaml");
        Files.writeString(authYaml, """
                switchboard:
                  auth:
                    keys:
                      gcf1:
                        hash: "%s"
                        models: ["vertex/*", "default"]
                        limits: { requests-per-minute: 1000 }
                """.formatted(ApiKeys.hash(KEY)));
        function = InvokerProcess.switchboard(
                emulator,
                List.of(),
                Map.of("SWITCHBOARD_AUTH_MODE", "keys", "QUARKUS_CONFIG_LOCATIONS", authYaml.toString()));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        if (function != null) function.close();
        if (emulator != null) emulator.close();
        if (client != null) client.close();
    }

    private static HttpResponse<String> post(String model, boolean stream, String key) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]"
                + (stream ? ",\"stream\":true" : "") + "}";
        HttpRequest.Builder b = HttpRequest.newBuilder(function.uri("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) b.header("authorization", "Bearer " + key);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bothPathsServeTheRightKeyAndRefuseOthers() throws Exception {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> ok = post("default", stream, KEY);
            assertThat(ok.statusCode()).as("stream=%s", stream).isEqualTo(200);
            assertThat(ok.body()).contains("Hello").contains("Switchboard"); // a stream splits the text into deltas

            HttpResponse<String> none = post("default", stream, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).contains("invalid_api_key");
            assertThat(post("default", stream, ApiKeys.generate("gcf1")).statusCode())
                    .isEqualTo(401);

            HttpResponse<String> notAllowed = post("emu/emulator-1", stream, KEY);
            assertThat(notAllowed.statusCode()).isEqualTo(403);
            assertThat(notAllowed.body()).contains("model_not_allowed");
        }
    }
}
