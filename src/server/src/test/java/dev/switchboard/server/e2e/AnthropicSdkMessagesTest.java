package dev.switchboard.server.e2e;

import static dev.switchboard.server.e2e.E2e.GREETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * anthropic-java, unchanged, against the gateway's Anthropic front door ({@code POST /v1/messages}), for every provider
 * type: an app on the Anthropic SDK reaches OpenAI, Gemini, Bedrock, Vertex... through the same canonical core.
 */
@QuarkusTest
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
class AnthropicSdkMessagesTest {
    static final Tool WEATHER = Tool.builder()
            .name("get_weather")
            .description("Current weather for a city")
            .inputSchema(Tool.InputSchema.builder()
                    .properties(Tool.InputSchema.Properties.builder()
                            .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
                            .putAdditionalProperty(
                                    "unit",
                                    JsonValue.from(Map.of("type", "string", "enum", List.of("celsius", "fahrenheit"))))
                            .build())
                    .required(List.of("city", "unit"))
                    .build())
            .build();
    static final JsonNode WEATHER_INPUT = E2e.parse("{\"city\":\"emulated\",\"unit\":\"celsius\"}");

    @TestHTTPResource("/")
    URL root;

    AnthropicClient client;

    @BeforeEach
    void client() {
        client = E2e.anthropic(root);
    }

    static Stream<String> providers() {
        return Stream.of(EmulatorResource.PROVIDERS);
    }

    private static MessageCreateParams.Builder ask(String model, String text) {
        return MessageCreateParams.builder().model(model).maxTokens(256).addUserMessage(text);
    }

    private static String text(Message m) {
        return m.content().stream()
                .flatMap(b -> b.text().stream())
                .map(TextBlock::text)
                .collect(Collectors.joining());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void messageAnswersWithTheEmulatorsTextAndUsage(String provider) {
        String model = provider + "/emulator-1";
        Message m = client.messages().create(ask(model, "ping").build());

        assertThat(m.model().asString()).isEqualTo(model);
        assertThat(m.content()).hasSize(1);
        assertThat(text(m)).isEqualTo(GREETING + "ping");
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().inputTokens()).isEqualTo(E2e.promptTokens("ping"));
        assertThat(m.usage().outputTokens()).isEqualTo(E2e.words(GREETING + "ping"));
        assertThat(m.id()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void systemPromptReachesTheProvider(String provider) {
        String system = "You answer in one short sentence.";
        Message m = client.messages()
                .create(ask(provider + "/emulator-1", "hello").system(system).build());
        assertThat(text(m)).isEqualTo(GREETING + "hello");
        // the emulator counts every message text it received: the system prompt made it upstream
        assertThat(m.usage().inputTokens()).isEqualTo(E2e.promptTokens(system + "hello"));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void streamIsAccumulatedByTheSdkIntoTheSameMessage(String provider) {
        String model = provider + "/emulator-1";
        String prompt = "stream me a greeting";
        MessageAccumulator accumulator = MessageAccumulator.create();
        int deltas = 0;
        try (StreamResponse<RawMessageStreamEvent> stream =
                client.messages().createStreaming(ask(model, prompt).build())) {
            for (RawMessageStreamEvent e : (Iterable<RawMessageStreamEvent>) stream.stream()::iterator) {
                accumulator.accumulate(e);
                if (e.isContentBlockDelta()) deltas++;
            }
        }
        Message m = accumulator.message();
        String expected = GREETING + prompt;
        assertThat(text(m)).isEqualTo(expected);
        assertThat(deltas).as("one text delta per word").isEqualTo((int) E2e.words(expected));
        assertThat(m.model().asString()).isEqualTo(model);
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().outputTokens()).isEqualTo(E2e.words(expected));
        assertThat(m.usage().inputTokens()).isEqualTo(E2e.promptTokens(prompt));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void toolUseRoundTrip(String provider) {
        String model = provider + "/emulator-1";
        MessageCreateParams.Builder first =
                ask(model, "What is the weather in Paris?").addTool(WEATHER);
        Message call = client.messages().create(first.build());

        assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock use = call.content().stream()
                .flatMap(b -> b.toolUse().stream())
                .findFirst()
                .orElseThrow();
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().convert(JsonNode.class)).isEqualTo(WEATHER_INPUT);
        assertThat(use.id()).isNotBlank();

        String result = "{\"forecast\":\"18 degrees and sunny\"}";
        Message answer = client.messages()
                .create(first.addMessage(call.toParam())
                        .addUserMessageOfContentBlockParams(
                                List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                        .toolUseId(use.id())
                                        .content(result)
                                        .build())))
                        .build());
        assertThat(text(answer)).isEqualTo(E2e.TOOL_RESULT + result);
        assertThat(answer.stopReason()).contains(StopReason.END_TURN);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void streamedToolUseIsReassembledByTheSdk(String provider) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages()
                .createStreaming(ask(provider + "/emulator-1", "What is the weather in Paris?")
                        .addTool(WEATHER)
                        .build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message m = accumulator.message();
        assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(m.content())
                .filteredOn(ContentBlock::isToolUse)
                .singleElement()
                .satisfies(b -> assertThat(b.asToolUse()._input().convert(JsonNode.class))
                        .isEqualTo(WEATHER_INPUT));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void cacheReadsAreCountedApartFromInputTokens(String provider) {
        String prompt = "a prompt long enough to be worth caching, as a long system prompt would be";
        Message m = client.messages()
                .create(ask(provider + "/emulator-cache", prompt).build());
        long all = E2e.promptTokens(prompt);
        // Anthropic's convention, whatever the provider's: input_tokens excludes what was read from the cache
        assertThat(m.usage().cacheReadInputTokens()).contains(all / 2);
        assertThat(m.usage().inputTokens()).isEqualTo(all - all / 2);
    }

    /** Providers that return reasoning text (OpenAI's Chat Completions does not). */
    static Stream<String> reasoningProviders() {
        return Stream.of("emu-anthropic", "emu-gemini", "emu-bedrock", "emu-vertex");
    }

    @ParameterizedTest
    @MethodSource("reasoningProviders")
    void reasoningComesBackAsAThinkingBlockBeforeTheText(String provider) {
        Message m = client.messages()
                .create(ask(provider + "/emulator-think", "ping").build());
        assertThinkingThenText(m);
        assertThat(m.usage().outputTokens()).isEqualTo(E2e.words(GREETING + "ping") + E2e.REASONING_TOKENS);
    }

    @ParameterizedTest
    @MethodSource("reasoningProviders")
    void streamedReasoningIsAccumulatedIntoAThinkingBlock(String provider) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages()
                .createStreaming(ask(provider + "/emulator-think", "ping").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertThinkingThenText(accumulator.message());
    }

    private static void assertThinkingThenText(Message m) {
        assertThat(m.content()).hasSize(2);
        assertThat(m.content().get(0).thinking())
                .hasValueSatisfying(t -> assertThat(t.thinking()).isEqualTo(E2e.REASONING));
        assertThat(m.content().get(1).text())
                .hasValueSatisfying(t -> assertThat(t.text()).isEqualTo(GREETING + "ping"));
    }

    @Test
    void aBadRequestIsAnthropicsInvalidRequestError() {
        BadRequestException e = catchThrowableOfType(
                BadRequestException.class,
                () -> client.messages()
                        .create(MessageCreateParams.builder()
                                .model("emu-anthropic/emulator-1")
                                .maxTokens(64)
                                .messages(List.of())
                                .build()));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.errorType()).contains(ErrorType.INVALID_REQUEST_ERROR);
        assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m).contains("messages"));
        assertThat(e.body().convert(JsonNode.class).path("type").asText()).isEqualTo("error");
    }

    @Test
    void anUnknownProviderIsAnthropicsNotFoundError() {
        NotFoundException e = catchThrowableOfType(
                NotFoundException.class,
                () -> client.messages().create(ask("nosuch/emulator-1", "hi").build()));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.errorType()).contains(ErrorType.NOT_FOUND_ERROR);
        assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m).contains("Unknown provider 'nosuch'"));
    }

    @Test
    void anUpstreamRateLimitIsAnthropicsRateLimitErrorWithRetryAfter() {
        RateLimitException e = catchThrowableOfType(
                RateLimitException.class,
                () -> client.messages()
                        .create(ask("ratelimited-emu-gemini", "hi").build()));
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.errorType()).contains(ErrorType.RATE_LIMIT_ERROR);
        assertThat(e.headers().values("retry-after")).containsExactly("2");
    }
}
