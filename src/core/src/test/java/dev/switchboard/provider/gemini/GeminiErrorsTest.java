package dev.switchboard.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiErrorsTest {
    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

    private static SwitchboardException map(int status, String body, HttpHeaders headers) {
        return GeminiErrors.map("gemini", status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(int code, String status, String message) {
        return "{\"error\":{\"code\":" + code + ",\"status\":\"" + status + "\",\"message\":\"" + message + "\"}}";
    }

    @Test
    void statusNamesDecideTheKind() {
        assertThat(map(400, error(400, "FAILED_PRECONDITION", "User location is not supported"), NONE))
                .isInstanceOf(InvalidRequest.class);
        assertThat(map(403, error(403, "PERMISSION_DENIED", "denied"), NONE)).isInstanceOf(AuthFailed.class);
        assertThat(map(503, error(503, "UNAVAILABLE", "The model is overloaded."), NONE))
                .isInstanceOf(Overloaded.class);
        assertThat(map(504, error(504, "DEADLINE_EXCEEDED", "late"), NONE)).isInstanceOf(Timeout.class);
        SwitchboardException internal = map(500, error(500, "INTERNAL", "oops"), NONE);
        assertThat(internal).isInstanceOf(UpstreamError.class);
        assertThat(internal.retriable()).isTrue();
        assertThat(internal.code()).isEqualTo("INTERNAL");
        assertThat(internal.upstreamStatus()).isEqualTo(500);
    }

    @Test
    void retryAfterHeaderWhenThereIsNoRetryInfo() {
        HttpHeaders headers = HttpHeaders.of(Map.of("retry-after", List.of("7")), (a, b) -> true);
        SwitchboardException e = map(429, error(429, "RESOURCE_EXHAUSTED", "quota"), headers);
        assertThat(e)
                .isInstanceOfSatisfying(
                        RateLimited.class, r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void arrayShapedAndNonJsonBodies() {
        assertThat(map(400, "[" + error(400, "INVALID_ARGUMENT", "bad") + "]", NONE))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("bad");
        SwitchboardException html = map(502, "<html>Bad Gateway</html>", NONE);
        assertThat(html).isInstanceOf(UpstreamError.class);
        assertThat(html.retriable()).isTrue();
    }

    @Test
    void keysAreScrubbedFromMessages() {
        assertThat(map(400, error(400, "INVALID_ARGUMENT", "API key not valid: AIzaSyA1234567890abcdefghij"), NONE)
                        .getMessage())
                .doesNotContain("AIzaSyA1234567890abcdefghij");
    }

    @Test
    void protobufDurations() {
        assertThat(GeminiErrors.parseDuration("33s")).isEqualTo(Duration.ofSeconds(33));
        assertThat(GeminiErrors.parseDuration("0.5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(GeminiErrors.parseDuration("soon")).isNull();
        assertThat(GeminiErrors.parseDuration("-1s")).isNull();
    }
}
