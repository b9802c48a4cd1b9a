package dev.switchboard.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.AllTargetsFailed;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one error path of each dialect: what every runtime answers for a failure (status, Retry-After, body). */
class ErrorRendererTest {

    @Test
    void openAiShapeWithRetryAfterRoundedUpToWholeSeconds() {
        ErrorRenderer.Rendered r = ErrorRenderer.OPENAI.render(
                new RateLimited(ErrorInfo.of("slow down").withProvider("openai"), Duration.ofMillis(1500)));

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers()).containsExactly(java.util.Map.entry("retry-after", "2"));
        JsonNode body = Json.parse(r.json());
        assertThat(body.at("/error/message").asText()).isEqualTo("slow down");
        assertThat(body.at("/error/type").asText()).isEqualTo("rate_limit_error");
    }

    @Test
    void anthropicShapeForTheSameError() {
        ErrorRenderer.Rendered r =
                ErrorRenderer.ANTHROPIC.render(new RateLimited(ErrorInfo.of("slow down"), Duration.ofSeconds(3)));

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers()).containsEntry("retry-after", "3");
        JsonNode body = Json.parse(r.json());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("rate_limit_error");
    }

    @Test
    void whenEveryTargetWasRateLimitedTheLastHintIsPassedOn() {
        var first = new RateLimited(ErrorInfo.of("a"), Duration.ofSeconds(9));
        var last = new RateLimited(ErrorInfo.of("b"), Duration.ofSeconds(4));
        var all = new AllTargetsFailed(
                "chat",
                List.of(new AllTargetsFailed.Attempt("p/a", 1, first), new AllTargetsFailed.Attempt("p/b", 2, last)));

        ErrorRenderer.Rendered r = ErrorRenderer.OPENAI.render(all);

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers()).containsEntry("retry-after", "4");
    }

    @Test
    void noRetryAfterWithoutAHintAndAnOverriddenStatus() {
        assertThat(ErrorRenderer.OPENAI
                        .render(new Timeout(ErrorInfo.of("late")))
                        .headers())
                .isEmpty();
        ErrorRenderer.Rendered r = ErrorRenderer.OPENAI.render(404, new InvalidRequest(ErrorInfo.of("Unknown URL")));
        assertThat(r.status()).isEqualTo(404);
        assertThat(Json.parse(r.json()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }
}
