package dev.switchboard.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.ConformanceCase;
import dev.switchboard.conformance.JsonSubstance;
import dev.switchboard.conformance.ProviderConformanceSuite;
import dev.switchboard.conformance.RecordingUpstream;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.spi.ChatProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Replays the recorded Gemini API exchanges. The canonical request of each case is read back from the recorded
 * body ({@link GeminiRequestReader}), so each case also proves the round trip Gemini JSON → canonical → Gemini
 * JSON; the differences of spelling the comparison tolerates are listed on {@link GeminiRequestSubstance}.
 */
class GeminiConformanceTest extends ProviderConformanceSuite {
    private static final String KEY = "test-key-AIzaNotARealKey";
    private RecordingUpstream upstream;

    @Override
    protected String providerDir() {
        return "gemini";
    }

    @Override
    protected Harness start(ConformanceCase c) {
        upstream = RecordingUpstream.replaying(c);
        ChatProvider provider = new GeminiProvider(
                "gemini", new GeminiConfig(upstream.baseUri(), KEY), Map.of(), Duration.ofSeconds(5));
        RecordingUpstream u = upstream;
        return new Harness() {
            @Override
            public ChatProvider provider() {
                return provider;
            }

            @Override
            public JsonNode sentBody() {
                return u.last().json();
            }

            @Override
            public String sentPath() {
                return u.last().pathAndQuery();
            }

            @Override
            public void close() {
                u.close();
            }
        };
    }

    @Override
    protected ChatRequest canonicalRequest(ConformanceCase c) {
        return GeminiRequestReader.read(c.requestBody(), GeminiRequestReader.modelFromPath(c.requestPath()));
    }

    @Override
    protected void assertRequestMatches(ConformanceCase c, Harness h) {
        assertThat(h.sentPath()).isEqualTo(c.requestPath());
        assertThat(upstream.last().headers()).containsEntry("x-goog-api-key", KEY);
        assertThat(h.sentPath()).doesNotContain(KEY);
        JsonSubstance.assertEquivalent(
                GeminiRequestSubstance.normalize(c.requestBody()),
                GeminiRequestSubstance.normalize(h.sentBody()),
                Map.of(),
                Set.of());
    }

    @Override
    protected void assertError(ConformanceCase c, SwitchboardException e) {
        super.assertError(c, e);
        assertThat(e.code())
                .as("the Google status is kept as the code")
                .isEqualTo(c.expect().path("error").path("type").asText());
        if (e instanceof RateLimited r) {
            assertThat(r.retryAfter()).as("RetryInfo.retryDelay").isEqualTo(Duration.ofMillis(34_400));
            assertThat(r.retriable()).isTrue();
        }
    }
}
