package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.NotConfigured;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.spi.CallOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/**
 * Bedrock error answers with their real {@code x-amzn-ErrorType} (which the recorded cases lost), through the real
 * sync client: the SDK raises the modeled exception, the adapter maps it.
 */
class BedrockErrorsTest {
    private static final CallOptions OPTIONS = new CallOptions(Duration.ofSeconds(10), Duration.ofSeconds(10));
    private static final ChatRequest REQUEST = ChatRequest.builder()
            .model("amazon.nova-micro-v1:0")
            .messages(Message.user("hi"))
            .build();

    static Stream<Arguments> modeledErrors() {
        return Stream.of(
                Arguments.of(429, "ThrottlingException", RateLimited.class, true),
                Arguments.of(400, "ServiceQuotaExceededException", RateLimited.class, true),
                Arguments.of(503, "ServiceUnavailableException", Overloaded.class, true),
                Arguments.of(429, "ModelNotReadyException", Overloaded.class, true),
                Arguments.of(408, "ModelTimeoutException", Timeout.class, true),
                Arguments.of(400, "ValidationException", InvalidRequest.class, false),
                Arguments.of(403, "AccessDeniedException", AuthFailed.class, false),
                Arguments.of(403, "UnrecognizedClientException", AuthFailed.class, false),
                Arguments.of(404, "ResourceNotFoundException", ModelNotFound.class, false),
                Arguments.of(500, "InternalServerException", UpstreamError.class, true),
                Arguments.of(424, "ModelErrorException", UpstreamError.class, false),
                // a type this table does not know: judged by status
                Arguments.of(409, "SomethingNewException", UpstreamError.class, true),
                Arguments.of(502, "SomethingNewException", UpstreamError.class, true));
    }

    @ParameterizedTest(name = "{1} ({0})")
    @MethodSource("modeledErrors")
    void modeledErrorsMapByType(
            int status, String type, Class<? extends SwitchboardException> kind, boolean retriable) {
        String message = "Bedrock says no (" + type + ")";
        byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        try (ScriptedUpstream upstream = ScriptedUpstream.replying(
                status,
                Map.of("content-type", "application/json", "x-amzn-ErrorType", type + ":http://internal.amazon.com/"),
                body)) {
            SwitchboardException e = chatFailure(upstream.baseUri());
            assertThat(e).isInstanceOf(kind);
            assertThat(e.retriable()).as("retriable").isEqualTo(retriable);
            assertThat(e.upstreamStatus()).isEqualTo(status);
            assertThat(e.info().code()).as("the AWS error code is kept").isEqualTo(type);
            assertThat(e.provider()).isEqualTo("bedrock");
            assertThat(e.getMessage()).isEqualTo("bedrock: " + message);
            assertThat(upstream.seen()).as("no SDK retries").hasSize(1);
        }
    }

    /** Regression: the Retry-After of a ThrottlingException was dropped, so callers never saw it. */
    @Test
    void throttlingKeepsTheRetryAfterItCarries() {
        byte[] body = "{\"message\":\"Too many requests\"}".getBytes(StandardCharsets.UTF_8);
        try (ScriptedUpstream upstream = ScriptedUpstream.replying(
                429,
                Map.of(
                        "content-type",
                        "application/json",
                        "x-amzn-ErrorType",
                        "ThrottlingException",
                        "Retry-After",
                        "2"),
                body)) {
            RateLimited e = (RateLimited) chatFailure(upstream.baseUri());
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        }
        try (ScriptedUpstream upstream = ScriptedUpstream.replying(
                429, Map.of("content-type", "application/json", "x-amzn-ErrorType", "ThrottlingException"), body)) {
            RateLimited e = (RateLimited) chatFailure(upstream.baseUri());
            assertThat(e.retryAfter()).as("none sent, none invented").isNull();
        }
    }

    @Test
    void credentialLikeTextIsScrubbedFromMessages() {
        String fakeKeyId = "AKIA" + "ABCDEFGHIJKLMNOP"; // made up; built in two parts so secret scanners pass the test
        byte[] body =
                ("{\"message\":\"The security token " + fakeKeyId + " is invalid.\"}").getBytes(StandardCharsets.UTF_8);
        try (ScriptedUpstream upstream = ScriptedUpstream.replying(
                403,
                Map.of("content-type", "application/json", "x-amzn-ErrorType", "UnrecognizedClientException"),
                body)) {
            SwitchboardException e = chatFailure(upstream.baseUri());
            assertThat(e.getMessage()).doesNotContain(fakeKeyId).contains("[redacted]");
        }
    }

    @Test
    void aRefusedConnectionIsARetriableUpstreamError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SwitchboardException e = chatFailure(URI.create("http://127.0.0.1:" + port));
        assertThat(e).isInstanceOf(UpstreamError.class);
        assertThat(e.retriable()).isTrue();
        assertThat(e.code()).isEqualTo("connection_error");
    }

    @Test
    void theCallTimeoutBoundsAChat() {
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedUpstream upstream = new ScriptedUpstream(exchange -> release.await(10, TimeUnit.SECONDS))) {
            BedrockProvider provider = TestBedrock.provider(upstream.baseUri());
            long start = System.nanoTime();
            Timeout e = catchThrowableOfType(
                    Timeout.class,
                    () -> provider.chat(REQUEST, new CallOptions(Duration.ofMillis(300), Duration.ofSeconds(1))));
            long millis = (System.nanoTime() - start) / 1_000_000;
            release.countDown();
            TestBedrock.closeInBackground(provider);
            assertThat(e).isNotNull();
            assertThat(millis).isLessThan(3_000);
        }
    }

    @Test
    void missingCredentialsMeanNotConfigured() {
        try (ScriptedUpstream upstream = ScriptedUpstream.replying(200, Map.of(), new byte[0])) {
            BedrockProvider provider = new BedrockProvider(
                    new BedrockConfig("bedrock", Region.US_EAST_1, upstream.baseUri(), Duration.ofSeconds(5)), () -> {
                        throw SdkClientException.create(
                                "Unable to load credentials from any of the providers in the chain");
                    });
            NotConfigured e = catchThrowableOfType(NotConfigured.class, () -> provider.chat(REQUEST, OPTIONS));
            TestBedrock.closeInBackground(provider);
            assertThat(e).isNotNull();
            assertThat(e.retriable()).isFalse();
            assertThat(upstream.seen()).as("nothing unsigned was sent").isEmpty();
        }
    }

    private static SwitchboardException chatFailure(URI endpoint) {
        BedrockProvider provider = TestBedrock.provider(endpoint);
        try {
            return catchThrowableOfType(SwitchboardException.class, () -> provider.chat(REQUEST, OPTIONS));
        } finally {
            TestBedrock.closeInBackground(provider);
        }
    }
}
