package dev.switchboard.emulator.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.TestHttp;
import dev.switchboard.emulator.behavior.Protocol;
import dev.switchboard.emulator.behavior.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AzureOpenAiEmulatorTest {

    private static Emulator emulator;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc().withListedModels(List.of("emulator-gpt")));
        http = new TestHttp(emulator.httpBaseUri());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void deploymentIsTheModel() {
        HttpResponse<String> r = http.post(
                "/openai/deployments/emulator-azure/chat/completions?api-version=2024-10-21",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "api-key",
                "secret");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(r.body());
        assertThat(body.path("model").asText()).isEqualTo("emulator-azure");
        assertThat(body.path("choices").get(0).path("message").path("content").asText())
                .endsWith("You said: hi");

        RecordedRequest recorded = emulator.requests("emulator-azure").getFirst();
        assertThat(recorded.protocol()).isEqualTo(Protocol.AZURE_OPENAI);
        assertThat(recorded.path()).endsWith("?api-version=2024-10-21");
        assertThat(recorded.header("api-key")).isEqualTo("REDACTED");
    }

    @Test
    void streams() {
        HttpResponse<String> r = http.post(
                "/openai/deployments/emulator-azure/chat/completions?api-version=2024-10-21",
                "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(TestHttp.sse(r.body()).getLast().data()).isEqualTo("[DONE]");
    }

    @Test
    void unknownDeploymentIs404() {
        HttpResponse<String> r = http.post(
                "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(r.body()).path("error").path("code").asText()).isEqualTo("DeploymentNotFound");
    }

    @Test
    void listsDeployments() {
        JsonNode list = TestHttp.json(
                http.get("/openai/deployments?api-version=2022-12-01").body());
        JsonNode first = list.path("data").get(0);
        assertThat(first.path("id").asText()).isEqualTo("emulator-gpt");
        assertThat(first.path("model").asText()).isEqualTo("emulator-gpt");
        assertThat(first.path("status").asText()).isEqualTo("succeeded");
    }
}
