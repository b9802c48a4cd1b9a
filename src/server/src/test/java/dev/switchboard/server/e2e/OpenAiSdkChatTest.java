package dev.switchboard.server.e2e;

import static dev.switchboard.server.e2e.E2e.GREETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * openai-java, unchanged, against {@code /v1/chat/completions} for every provider type: what an app on the official
 * client sees for chat, streams, tools, JSON mode, images and reasoning.
 */
@QuarkusTest
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
class OpenAiSdkChatTest {
    /** A schema with every kind of property the emulator derives arguments from. */
    static final FunctionDefinition WEATHER = FunctionDefinition.builder()
            .name("get_weather")
            .description("Current weather for a city")
            .parameters(FunctionParameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty(
                            "properties",
                            JsonValue.from(Map.of(
                                    "city", Map.of("type", "string"),
                                    "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")),
                                    "days", Map.of("type", "integer"))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("city", "unit", "days")))
                    .build())
            .build();
    /** What the emulator derives from {@link #WEATHER}: first enum value, "emulated" for strings, 1 for integers. */
    static final JsonNode WEATHER_ARGUMENTS = E2e.parse("{\"city\":\"emulated\",\"unit\":\"celsius\",\"days\":1}");

    /** A 1x1 PNG. */
    static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    @TestHTTPResource("/v1")
    URL base;

    OpenAIClient client;

    @BeforeEach
    void client() {
        client = E2e.openAi(base);
    }

    static Stream<String> providers() {
        return Stream.of(EmulatorResource.PROVIDERS);
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void chatAnswersWithTheEmulatorsTextUsageAndHeaders(String provider) {
        String model = provider + "/emulator-1";
        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ask(model, "ping").build());
        ChatCompletion c = raw.parse();

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(c.model()).isEqualTo(model);
        assertThat(c.choices()).hasSize(1);
        assertThat(c.choices().get(0).message().content()).contains(GREETING + "ping");
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage usage = c.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(E2e.promptTokens("ping")).isPositive();
        assertThat(usage.completionTokens())
                .isEqualTo(E2e.words(GREETING + "ping"))
                .isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        assertThat(usage._additionalProperties())
                .as("emulator models are unpriced")
                .doesNotContainKey("cost_usd");

        assertThat(raw.headers().values("x-switchboard-target")).containsExactly(model);
        assertThat(raw.headers().values("x-switchboard-route")).containsExactly(model);
        assertThat(raw.headers().values("x-switchboard-attempts")).containsExactly("1");
        assertThat(raw.headers().values("x-switchboard-cost-usd"))
                .as("no price, no cost header")
                .isEmpty();
        assertThat(raw.headers().values("x-request-id"))
                .singleElement()
                .asString()
                .isNotBlank();
        assertThat(raw.headers().values("x-switchboard-overhead-ms"))
                .singleElement()
                .asString()
                .matches("\\d+\\.\\d{3}");
    }

    @Test
    void aRouteNameServesThroughItsTarget() {
        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ask("emu-default", "via route").build());
        assertThat(raw.parse().choices().get(0).message().content()).contains(GREETING + "via route");
        assertThat(raw.parse().model()).isEqualTo("emu/emulator-1");
        assertThat(raw.headers().values("x-switchboard-route")).containsExactly("emu-default");
        assertThat(raw.headers().values("x-switchboard-target")).containsExactly("emu/emulator-1");
    }

    @Test
    void aPricedModelShowsItsCostInTheHeaderAndUsage() {
        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ask(EmulatorResource.PRICED_MODEL, "ping").build());
        // 1 prompt token at $2.50/Mtok + 8 completion tokens at $10/Mtok
        BigDecimal expected = new BigDecimal("0.0000025").add(new BigDecimal("0.00008"));
        CompletionUsage usage = raw.parse().usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(1);
        assertThat(usage.completionTokens()).isEqualTo(8);
        assertThat(new BigDecimal(raw.headers().values("x-switchboard-cost-usd").get(0)))
                .isEqualByComparingTo(expected);
        assertThat(new BigDecimal(usage._additionalProperties().get("cost_usd").toString()))
                .isEqualByComparingTo(expected);
    }

    @Test
    void aPricedStreamShowsItsCostInTheUsageChunk() {
        List<ChatCompletionChunk> chunks = streamChunks(ask(EmulatorResource.PRICED_MODEL, "ping"));
        CompletionUsage usage = chunks.get(chunks.size() - 1).usage().orElseThrow();
        assertThat(new BigDecimal(usage._additionalProperties().get("cost_usd").toString()))
                .isEqualByComparingTo(new BigDecimal("0.0000825"));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void streamDeltasMakeTheSameTextAndEndWithUsage(String provider) {
        String model = provider + "/emulator-1";
        String prompt = "stream me a greeting";
        List<ChatCompletionChunk> chunks = streamChunks(ask(model, prompt));

        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk.Choice.FinishReason> finishes = new ArrayList<>();
        for (ChatCompletionChunk chunk : chunks) {
            assertThat(chunk.model()).isEqualTo(model);
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                choice.delta().content().ifPresent(text::append);
                choice.finishReason().ifPresent(finishes::add);
            }
        }
        String expected = GREETING + prompt;
        assertThat(text).hasToString(expected);
        assertThat(finishes).containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(chunks.size()).as("one chunk per word at least").isGreaterThan((int) E2e.words(expected));

        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).as("the usage chunk has no choices").isEmpty();
        CompletionUsage usage = last.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(E2e.promptTokens(prompt));
        assertThat(usage.completionTokens()).isEqualTo(E2e.words(expected));
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c.usage()).isEmpty());
    }

    /** Reads a stream to its end ([DONE]) and returns every chunk. */
    private List<ChatCompletionChunk> streamChunks(ChatCompletionCreateParams.Builder params) {
        params.streamOptions(
                ChatCompletionStreamOptions.builder().includeUsage(true).build());
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params.build())) {
            return stream.stream().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void toolCallRoundTrip(String provider) {
        String model = provider + "/emulator-1";
        ChatCompletionCreateParams.Builder first =
                ask(model, "What is the weather in Paris?").addFunctionTool(WEATHER);
        ChatCompletion call = client.chat().completions().create(first.build());

        ChatCompletion.Choice choice = call.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall toolCall = onlyCall(choice.message());
        assertThat(toolCall.function().name()).isEqualTo("get_weather");
        assertThat(E2e.parse(toolCall.function().arguments())).isEqualTo(WEATHER_ARGUMENTS);
        assertThat(toolCall.id()).isNotBlank();
        assertThat(call.usage().orElseThrow().completionTokens())
                .as("the emulator's price of a tool call")
                .isEqualTo(10);

        // A JSON object travels as is to every provider (Gemini/Vertex wrap plain text in {"output": ...}); string
        // values only, since Vertex carries it as a protobuf Struct, where 18 comes back as 18.0.
        String result = "{\"forecast\":\"18 degrees and sunny\"}";
        ChatCompletion answer = client.chat()
                .completions()
                .create(first.addMessage(choice.message())
                        .addMessage(ChatCompletionToolMessageParam.builder()
                                .toolCallId(toolCall.id())
                                .content(result)
                                .build())
                        .build());
        assertThat(answer.choices().get(0).message().content()).contains(E2e.TOOL_RESULT + result);
        assertThat(answer.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(answer.choices().get(0).message().toolCalls().orElse(List.of()))
                .isEmpty();
    }

    private static ChatCompletionMessageFunctionToolCall onlyCall(ChatCompletionMessage message) {
        assertThat(message.toolCalls().orElseThrow()).hasSize(1);
        return message.toolCalls().orElseThrow().get(0).asFunction();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void streamedToolCallIsReassembledByTheSdksAccumulator(String provider) {
        ChatCompletionCreateParams params = ask(provider + "/emulator-1", "What is the weather in Paris?")
                .addFunctionTool(WEATHER)
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        int argumentPieces = 0;
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                accumulator.accumulate(chunk);
                for (ChatCompletionChunk.Choice c : chunk.choices()) {
                    for (var call : c.delta().toolCalls().orElse(List.of())) {
                        if (call.function()
                                .flatMap(f -> f.arguments())
                                .filter(a -> !a.isEmpty())
                                .isPresent()) argumentPieces++;
                    }
                }
            }
        }
        ChatCompletion whole = accumulator.chatCompletion();
        assertThat(whole.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call =
                onlyCall(whole.choices().get(0).message());
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(E2e.parse(call.function().arguments())).isEqualTo(WEATHER_ARGUMENTS);
        // OpenAI, Anthropic and Bedrock stream arguments in pieces (the emulator sends three); Google sends them whole
        int expectedPieces = provider.equals("emu-gemini") || provider.equals("emu-vertex") ? 1 : 3;
        assertThat(argumentPieces)
                .as("argument deltas passed through as they came")
                .isEqualTo(expectedPieces);
        assertThat(whole.usage().orElseThrow().completionTokens()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"emu", "emu-openai", "emu-azure", "emu-gemini", "emu-vertex"})
    void jsonModeAnswersJson(String provider) {
        ChatCompletion c = client.chat()
                .completions()
                .create(ask(provider + "/emulator-1", "give me json")
                        .responseFormat(ResponseFormatJsonObject.builder().build())
                        .build());
        assertThat(E2e.parse(c.choices().get(0).message().content().orElseThrow()))
                .isEqualTo(E2e.parse("{\"emulated\":true,\"echo\":\"give me json\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"emu-anthropic", "emu-bedrock"})
    void jsonModeWithoutSchemaIsRefusedNamingTheParameter(String provider) {
        String model = provider + "/emulator-json-refused";
        BadRequestException e = catchThrowableOfType(
                BadRequestException.class,
                () -> client.chat()
                        .completions()
                        .create(ask(model, "give me json")
                                .responseFormat(
                                        ResponseFormatJsonObject.builder().build())
                                .build()));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.param()).contains("response_format");
        assertThat(e.type()).contains("invalid_request_error");
        assertThat(e.getMessage()).contains("json_schema");
        assertThat(E2e.upstreamRequests("emulator-json-refused"))
                .as("refused before any upstream call")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void anImageAsDataUriReachesTheProvider(String provider) {
        String modelName = "emulator-vision-" + provider;
        ChatCompletion c = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(provider + "/" + modelName)
                        .addUserMessageOfArrayOfContentParts(List.of(
                                ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                        .text("what is in this picture?")
                                        .build()),
                                ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                                .url("data:image/png;base64," + PNG_BASE64)
                                                .build())
                                        .build())))
                        .build());
        assertThat(c.choices().get(0).message().content()).contains(GREETING + "what is in this picture?");
        assertThat(E2e.upstreamRequests(modelName))
                .singleElement()
                .satisfies(r -> assertThat(r.body().toString())
                        .as("the image bytes, in the provider's own shape")
                        .contains(PNG_BASE64));
    }

    @ParameterizedTest
    @ValueSource(strings = {"emu", "emu-openai", "emu-azure", "emu-gemini", "emu-vertex"})
    void reasoningTokensShowInUsage(String provider) {
        ChatCompletion c = client.chat()
                .completions()
                .create(ask(provider + "/emulator-think", "ping").build());
        CompletionUsage usage = c.usage().orElseThrow();
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens())
                .contains((long) E2e.REASONING_TOKENS);
        assertThat(usage.completionTokens())
                .as("completion tokens include reasoning, as OpenAI counts them")
                .isEqualTo(E2e.words(GREETING + "ping") + E2e.REASONING_TOKENS);
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        assertThat(c.choices().get(0).message().content()).contains(GREETING + "ping");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void cachedPromptTokensShowAsOpenAiCountsThem(String provider) {
        String prompt = "a prompt long enough to be worth caching, as a long system prompt would be";
        ChatCompletion c = client.chat()
                .completions()
                .create(ask(provider + "/emulator-cache", prompt).build());
        CompletionUsage usage = c.usage().orElseThrow();
        // every provider reports its cache read its own way; callers get OpenAI's: cached tokens inside prompt_tokens
        assertThat(usage.promptTokens()).isEqualTo(E2e.promptTokens(prompt));
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(usage.promptTokens() / 2);
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    }

    /** Providers that return their reasoning as text; Anthropic and Bedrock count it inside output tokens only. */
    @ParameterizedTest
    @ValueSource(strings = {"emu-anthropic", "emu-gemini", "emu-bedrock", "emu-vertex"})
    void reasoningTextShowsBesideTheAnswer(String provider) {
        ChatCompletion c = client.chat()
                .completions()
                .create(ask(provider + "/emulator-think", "ping").build());
        ChatCompletionMessage m = c.choices().get(0).message();
        assertThat(m._additionalProperties().get("reasoning_content")).isEqualTo(JsonValue.from(E2e.REASONING));
        assertThat(m.content()).contains(GREETING + "ping");
        CompletionUsage usage = c.usage().orElseThrow();
        assertThat(usage.completionTokens()).isEqualTo(E2e.words(GREETING + "ping") + E2e.REASONING_TOKENS);
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    }
}
