package dev.switchboard.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conformance.RecordingUpstream;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The api setting: validation, and where each provider type sends Responses calls. */
class ResponsesProviderTest {
    private static final CallOptions OPTIONS = new CallOptions(Duration.ofSeconds(5), Duration.ofSeconds(5));
    private static final byte[] ANSWER = """
            {"id":"resp_1","model":"gpt-5","status":"completed",
             "output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"hi"}]}],
             "usage":{"input_tokens":3,"output_tokens":1}}
            """.getBytes(StandardCharsets.UTF_8);

    @Test
    void apiValuesAreValidatedNamingTheKey() {
        assertThat(OpenAiProviderFactory.openAi()
                        .validate(ProviderSettings.builder("o", "openai")
                                .api("chat")
                                .build()))
                .containsExactly("api: 'chat' is not one of chat-completions, responses");
        assertThat(OpenAiProviderFactory.openAi()
                        .validate(ProviderSettings.builder("o", "openai")
                                .api("responses")
                                .build()))
                .isEmpty();
        assertThat(OpenAiProviderFactory.openAi()
                        .validate(ProviderSettings.builder("o", "openai").build()))
                .isEmpty();
        assertThat(OpenAiProviderFactory.compatible()
                        .validate(ProviderSettings.builder("l", "openai-compatible")
                                .baseUrl("http://localhost:11434/v1")
                                .api("responses")
                                .build()))
                .containsExactly("api: 'responses' is supported for types openai and azure-openai only");
    }

    @Test
    void azureNeedsAnApiVersionOnlyForChatCompletions() {
        ProviderSettings.Builder azure =
                ProviderSettings.builder("az", "azure-openai").baseUrl("https://r.openai.azure.com");
        assertThat(OpenAiProviderFactory.azure().validate(azure.build()))
                .singleElement()
                .asString()
                .startsWith("api-version:");
        assertThat(OpenAiProviderFactory.azure().validate(azure.api("responses").build()))
                .isEmpty();
    }

    @Test
    void openAiCallsV1Responses() {
        try (RecordingUpstream upstream =
                new RecordingUpstream(200, Map.of("content-type", "application/json"), ANSWER)) {
            ChatProvider p = OpenAiProviderFactory.openAi()
                    .create(ProviderSettings.builder("openai", "openai")
                            .baseUrl(upstream.baseUri().resolve("/v1"))
                            .apiKey("sk-test")
                            .api("responses")
                            .build());
            ChatResponse r = p.chat(
                    ChatRequest.builder()
                            .model("gpt-5")
                            .messages(Message.user("hello"))
                            .build(),
                    OPTIONS);
            assertThat(r.text()).isEqualTo("hi");
            assertThat(upstream.last().pathAndQuery()).isEqualTo("/v1/responses");
            assertThat(upstream.last().headers().get("authorization")).isEqualTo("Bearer sk-test");
        }
    }

    @Test
    void azureCallsTheV1SurfaceWithTheDeploymentAsModel() {
        try (RecordingUpstream upstream =
                new RecordingUpstream(200, Map.of("content-type", "application/json"), ANSWER)) {
            ChatProvider p = OpenAiProviderFactory.azure()
                    .create(ProviderSettings.builder("az", "azure-openai")
                            .baseUrl(upstream.baseUri())
                            .apiKey("k")
                            .apiVersion("2024-10-21")
                            .api("responses")
                            .build());
            p.chat(
                    ChatRequest.builder()
                            .model("my-gpt5-deployment")
                            .messages(Message.user("hello"))
                            .build(),
                    OPTIONS);
            assertThat(upstream.last().pathAndQuery()).isEqualTo("/openai/v1/responses");
            assertThat(upstream.last().headers().get("api-key")).isEqualTo("k");
            assertThat(Json.text(upstream.last().json(), "model")).isEqualTo("my-gpt5-deployment");
        }
    }

    @Test
    void settingsShowTheApi() {
        assertThat(ProviderSettings.builder("o", "openai")
                        .api("responses")
                        .apiKey("sk-secret")
                        .build()
                        .toString())
                .contains("api=responses")
                .doesNotContain("sk-secret");
        assertThat(ProviderSettings.builder("o", "openai").api("responses").build().toBuilder()
                        .build()
                        .api())
                .isEqualTo("responses");
    }
}
