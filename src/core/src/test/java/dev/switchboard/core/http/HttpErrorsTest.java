package dev.switchboard.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.RequestTooLarge;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {
    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

    @Test
    void statusTable() {
        assertThat(HttpErrors.fromStatus("p", 400, NONE, "bad", null, null)).isInstanceOf(InvalidRequest.class);
        assertThat(HttpErrors.fromStatus("p", 422, NONE, "bad", null, null)).isInstanceOf(InvalidRequest.class);
        assertThat(HttpErrors.fromStatus("p", 401, NONE, "no", null, null)).isInstanceOf(AuthFailed.class);
        assertThat(HttpErrors.fromStatus("p", 403, NONE, "no", null, null)).isInstanceOf(AuthFailed.class);
        assertThat(HttpErrors.fromStatus("p", 404, NONE, "gone", null, null)).isInstanceOf(ModelNotFound.class);
        assertThat(HttpErrors.fromStatus("p", 408, NONE, "slow", null, null)).isInstanceOf(Timeout.class);
        assertThat(HttpErrors.fromStatus("p", 413, NONE, "big", null, null)).isInstanceOf(RequestTooLarge.class);
        assertThat(HttpErrors.fromStatus("p", 429, NONE, "wait", null, null)).isInstanceOf(RateLimited.class);
        assertThat(HttpErrors.fromStatus("p", 500, NONE, "oops", null, null)).isInstanceOf(UpstreamError.class);
        assertThat(HttpErrors.fromStatus("p", 502, NONE, "oops", null, null)).isInstanceOf(UpstreamError.class);
        assertThat(HttpErrors.fromStatus("p", 503, NONE, "busy", null, null)).isInstanceOf(Overloaded.class);
        assertThat(HttpErrors.fromStatus("p", 529, NONE, "busy", null, null)).isInstanceOf(Overloaded.class);
        assertThat(HttpErrors.fromStatus("p", 504, NONE, "slow", null, null)).isInstanceOf(Timeout.class);
    }

    @Test
    void retriableOnlyWhereTryingAgainCanHelp() {
        assertThat(HttpErrors.fromStatus("p", 400, NONE, "bad", null, null).retriable())
                .isFalse();
        assertThat(HttpErrors.fromStatus("p", 401, NONE, "no", null, null).retriable())
                .isFalse();
        assertThat(HttpErrors.fromStatus("p", 409, NONE, "conflict", null, null).retriable())
                .isTrue();
        assertThat(HttpErrors.fromStatus("p", 429, NONE, "wait", null, null).retriable())
                .isTrue();
        assertThat(HttpErrors.fromStatus("p", 429, NONE, "quota", "insufficient_quota", null)
                        .retriable())
                .isFalse();
        assertThat(HttpErrors.fromStatus("p", 500, NONE, "oops", null, null).retriable())
                .isTrue();
        assertThat(HttpErrors.fromStatus("p", 418, NONE, "teapot", null, null).retriable())
                .isFalse();
    }

    @Test
    void retryAfterIsKept() {
        HttpHeaders h = HttpHeaders.of(Map.of("retry-after", List.of("7")), (a, b) -> true);
        RateLimited r = (RateLimited) HttpErrors.fromStatus("p", 429, h, "wait", null, null);
        assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        HttpHeaders ms =
                HttpHeaders.of(Map.of("retry-after-ms", List.of("1500"), "retry-after", List.of("9")), (a, b) -> true);
        assertThat(((RateLimited) HttpErrors.fromStatus("p", 429, ms, "wait", null, null)).retryAfter())
                .isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void keysEchoedByUpstreamsAreScrubbed() {
        String msg = HttpErrors.fromStatus(
                        "openai",
                        401,
                        NONE,
                        "Incorrect API key provided: sk-proj-abcdEFGH1234****wxyz. You can find your key...",
                        "invalid_api_key",
                        null)
                .getMessage();
        assertThat(msg).doesNotContain("abcdEFGH").contains("[redacted]").startsWith("openai: ");
        assertThat(HttpErrors.scrub("key AIzaSyA1234567890abcdefghijklmno and Bearer abc.def"))
                .doesNotContain("AIzaSy")
                .doesNotContain("abc.def");
    }
}
