package dev.switchboard.server.e2e;

import static dev.switchboard.server.e2e.E2e.GREETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionCustomTool;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failures as openai-java reports them: the exception class the SDK picks from the status, and the error object's
 * type, code and param, for errors of the caller, of the gateway's credentials upstream, of upstream limits, and of
 * streams that break after they started.
 */
@QuarkusTest
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
class OpenAiSdkErrorsTest {

    @TestHTTPResource("/v1")
    URL base;

    OpenAIClient client;

    @BeforeEach
    void client() {
        client = E2e.openAi(base);
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
    }

    @Test
    void unknownProviderIsNotFound() {
        NotFoundException e = catchThrowableOfType(
                NotFoundException.class,
                () -> client.chat()
                        .completions()
                        .create(ask("nosuch/emulator-1", "hi").build()));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.code()).contains("model_not_found");
        assertThat(e.param()).contains("model");
        assertThat(e.type()).contains("invalid_request_error");
        assertThat(e.getMessage()).contains("Unknown provider 'nosuch'");
    }

    @Test
    void unsupportedParameterIsBadRequestNamingIt() {
        BadRequestException e = catchThrowableOfType(
                BadRequestException.class,
                () -> client.chat()
                        .completions()
                        .create(ask("emu/emulator-1", "hi").n(2).build()));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.param()).contains("n");
        assertThat(e.type()).contains("invalid_request_error");
        assertThat(e.getMessage()).contains("n=1");
    }

    @Test
    void customToolIsBadRequestNamingTheToolsType() {
        BadRequestException e = catchThrowableOfType(
                BadRequestException.class,
                () -> client.chat()
                        .completions()
                        .create(ask("emu/emulator-1", "hi")
                                .addTool(ChatCompletionCustomTool.builder()
                                        .custom(ChatCompletionCustomTool.Custom.builder()
                                                .name("grep")
                                                .build())
                                        .build())
                                .build()));
        assertThat(e.param()).contains("tools[0].type");
        assertThat(e.getMessage()).contains("Only 'function' tools are supported");
    }

    @Test
    void emptyMessagesIsBadRequestNamingThem() {
        BadRequestException e = catchThrowableOfType(
                BadRequestException.class,
                () -> client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("emu/emulator-1")
                                .messages(List.of())
                                .build()));
        assertThat(e.param()).contains("messages");
        assertThat(e.getMessage()).contains("empty array");
    }

    /**
     * The upstream refused the gateway's own key: a 502 (the caller's key is fine), typed authentication_error. The
     * code is the provider's own when it sent one (each provider's error mapper keeps it), else the gateway's
     * {@code upstream_auth_failed} (AuthFailed), as for OpenAI's 403, which has none.
     */
    static Stream<Arguments> upstreamAuthCodes() {
        return Stream.of(
                Arguments.of("emu", 401, "invalid_api_key"),
                Arguments.of("emu-openai", 401, "invalid_api_key"),
                Arguments.of("emu-openai", 403, "upstream_auth_failed"),
                Arguments.of("emu-azure", 401, "invalid_api_key"),
                Arguments.of("emu-anthropic", 401, "authentication_error"),
                Arguments.of("emu-gemini", 401, "UNAUTHENTICATED"),
                Arguments.of("emu-bedrock", 401, "AccessDeniedException"),
                Arguments.of("emu-vertex", 401, "UNAUTHENTICATED"));
    }

    @ParameterizedTest
    @MethodSource("upstreamAuthCodes")
    void upstreamAuthFailureIsA502AuthenticationError(String provider, int status, String code) {
        String model = "emulator-fault-" + status + "-" + provider;
        InternalServerException e = catchThrowableOfType(
                InternalServerException.class,
                () -> client.chat()
                        .completions()
                        .create(ask(provider + "/" + model, "hi").build()));
        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(e.type()).contains("authentication_error");
        assertThat(e.code()).contains(code);
        assertThat(e.getMessage())
                .startsWith("502: " + provider + ": ")
                .doesNotContain("sk-test-emulator", "ant-test", "gemini-test");
        assertThat(E2e.upstreamRequests(model))
                .as("not retried: another try cannot fix a key")
                .hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("dev.switchboard.server.e2e.OpenAiSdkChatTest#providers")
    void upstreamRateLimitIsRateLimitExceptionWithRetryAfter(String provider) {
        RateLimitException e = catchThrowableOfType(
                RateLimitException.class,
                () -> client.chat()
                        .completions()
                        .create(ask("ratelimited-" + provider, "hi").build()));
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.type()).contains("rate_limit_error");
        assertThat(e.headers().values("retry-after"))
                .as("the upstream's Retry-After: 2")
                .containsExactly("2");
        assertThat(e.getMessage()).startsWith("429: " + provider + ": ");
    }

    /**
     * The text the emulator sends before it breaks a stream, per protocol: it counts frames, and a protocol's
     * frames before the first word differ (OpenAI: a role chunk; Anthropic: message_start, content_block_start and
     * a ping; Bedrock: messageStart; Gemini/Vertex: none). Anthropic gets two more frames so that some text is out.
     */
    static Stream<Arguments> brokenStreams() {
        return Stream.of(
                Arguments.of("emu", "emulator-cut3", "Hello from"),
                Arguments.of("emu", "emulator-fault-529-mid2", "Hello"),
                Arguments.of("emu-openai", "emulator-cut3", "Hello from"),
                Arguments.of("emu-openai", "emulator-fault-529-mid2", "Hello"),
                Arguments.of("emu-azure", "emulator-cut3", "Hello from"),
                Arguments.of("emu-azure", "emulator-fault-529-mid2", "Hello"),
                Arguments.of("emu-anthropic", "emulator-cut5", "Hello from"),
                Arguments.of("emu-anthropic", "emulator-fault-529-mid4", "Hello"),
                Arguments.of("emu-gemini", "emulator-cut3", "Hello from the"),
                Arguments.of("emu-gemini", "emulator-fault-529-mid2", "Hello from"),
                Arguments.of("emu-bedrock", "emulator-cut3", "Hello from"),
                Arguments.of("emu-bedrock", "emulator-fault-529-mid2", "Hello"),
                Arguments.of("emu-vertex", "emulator-cut3", "Hello from the"),
                Arguments.of("emu-vertex", "emulator-fault-529-mid2", "Hello from"));
    }

    @ParameterizedTest
    @MethodSource("brokenStreams")
    void aStreamThatBreaksAfterItStartedEndsWithAnErrorTheSdkRaises(String provider, String model, String partial) {
        StringBuilder text = new StringBuilder();
        SseException e;
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = client.chat()
                .completions()
                .withRawResponse()
                .createStreaming(ask(provider + "/" + model, "tell me more").build());
        assertThat(raw.statusCode())
                .as("the stream had started: 200 went out with the first event")
                .isEqualTo(200);
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            e = catchThrowableOfType(
                    SseException.class,
                    () -> stream.stream()
                            .forEach(chunk -> chunk.choices()
                                    .forEach(c -> c.delta().content().ifPresent(text::append))));
        }
        assertThat(e)
                .as("the SDK raises the gateway's error frame while iterating")
                .isNotNull();
        assertThat(text).as("what the emulator sent before it broke").hasToString(partial);
        assertThat(GREETING).startsWith(partial);
        assertThat(e.type()).contains("server_error");
        assertThat(e.code()).isPresent();
        assertThat(e.getMessage()).contains(provider);
        assertThat(E2e.costRecords(raw.headers().values("x-request-id").get(0)))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("stream").asBoolean()).isTrue();
                    assertThat(r.get("outcome").asText()).isIn("upstream_error", "overloaded");
                });
    }

    @Test
    void aStreamThatFailsBeforeItsFirstEventIsAPlainErrorStatus() {
        OpenAIServiceException e = catchThrowableOfType(InternalServerException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                    .completions()
                    .createStreaming(ask("emu-openai/emulator-fault-401", "hi").build())) {
                stream.stream().forEach(c -> {});
            }
        });
        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(e.type()).contains("authentication_error");
    }
}
