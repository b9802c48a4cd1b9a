package dev.switchboard.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminRoutesTest {

    private static Emulator emulator;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc().withMaxRecordedRequests(3));
        http = new TestHttp(emulator.httpBaseUri());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static void chat(String model) {
        http.post(
                "/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization",
                "Bearer sk-very-secret");
    }

    @Test
    void requestsResetAndBound() {
        http.post("/_emulator/reset", "");
        chat("emulator-a");
        chat("emulator-b");

        JsonNode all = TestHttp.json(http.get("/_emulator/requests").body());
        assertThat(all).hasSize(2);
        JsonNode first = all.get(0);
        assertThat(first.path("protocol").asText()).isEqualTo("OPENAI");
        assertThat(first.path("method").asText()).isEqualTo("POST");
        assertThat(first.path("path").asText()).isEqualTo("/v1/chat/completions");
        assertThat(first.path("model").asText()).isEqualTo("emulator-a");
        assertThat(first.path("headers").path("authorization").asText()).isEqualTo("REDACTED");
        assertThat(first.path("body").path("messages").get(0).path("content").asText())
                .isEqualTo("hi");
        assertThat(http.get("/_emulator/requests").body()).doesNotContain("sk-very-secret");

        assertThat(TestHttp.json(
                        http.get("/_emulator/requests?model=emulator-b").body()))
                .hasSize(1);

        chat("emulator-c");
        chat("emulator-d");
        assertThat(emulator.requests()).hasSize(3);
        assertThat(emulator.requests().getFirst().model()).isEqualTo("emulator-b");

        assertThat(TestHttp.json(http.post("/_emulator/reset", "").body())
                        .path("reset")
                        .asBoolean())
                .isTrue();
        assertThat(emulator.requests()).isEmpty();
    }

    @Test
    void unknownRouteIs404() {
        assertThat(http.get("/nowhere").statusCode()).isEqualTo(404);
        assertThat(http.get("/_emulator/health").statusCode()).isEqualTo(200);
    }
}
