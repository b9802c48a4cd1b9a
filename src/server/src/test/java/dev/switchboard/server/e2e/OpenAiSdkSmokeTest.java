package dev.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
class OpenAiSdkSmokeTest {

    @TestHTTPResource("/v1")
    URL base;

    @ParameterizedTest
    @ValueSource(
            strings = {"emu", "emu-openai", "emu-azure", "emu-anthropic", "emu-gemini", "emu-bedrock", "emu-vertex"})
    void everyProviderAnswersTheOfficialClient(String provider) {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(base.toString())
                .apiKey("unused")
                .maxRetries(0)
                .build();
        ChatCompletion c = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(provider + "/emulator-1")
                        .addUserMessage("ping")
                        .build());
        assertThat(c.choices().get(0).message().content())
                .contains("Hello from the Switchboard emulator. You said: ping");
        assertThat(c.model()).startsWith(provider + "/");
        assertThat(c.usage()).isPresent();
    }
}
