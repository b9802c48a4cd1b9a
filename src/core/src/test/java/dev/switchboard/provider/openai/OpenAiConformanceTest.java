package dev.switchboard.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.ConformanceCase;
import dev.switchboard.conformance.JsonSubstance;
import dev.switchboard.conformance.ProviderConformanceSuite;
import dev.switchboard.conformance.RecordingUpstream;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.openai.OpenAiRequestReader;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.spi.ChatProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Replays the recorded OpenAI exchanges. The canonical request of a Chat Completions case is what the gateway's
 * own OpenAI front door reads from the recorded body, so each case also proves the round trip
 * OpenAI JSON → canonical → OpenAI JSON. Responses API cases run against a provider configured with
 * {@code api: responses}; their canonical request comes from a test-side reader of the recorded body.
 */
class OpenAiConformanceTest extends ProviderConformanceSuite {

    @Override
    protected String providerDir() {
        return "openai";
    }

    @Override
    protected Harness start(ConformanceCase c) {
        RecordingUpstream upstream = RecordingUpstream.replaying(c);
        OpenAiConfig config = OpenAiConfig.openAi(upstream.baseUri().resolve("/v1"), "test-key");
        if (responses(c)) config = config.withApi(OpenAiConfig.Api.RESPONSES);
        ChatProvider provider = new OpenAiProvider("openai", config, Map.of(), Duration.ofSeconds(5));
        return new Harness() {
            @Override
            public ChatProvider provider() {
                return provider;
            }

            @Override
            public JsonNode sentBody() {
                return upstream.last().json();
            }

            @Override
            public String sentPath() {
                return upstream.last().pathAndQuery();
            }

            @Override
            public void close() {
                upstream.close();
            }
        };
    }

    @Override
    protected ChatRequest canonicalRequest(ConformanceCase c) {
        if (responses(c)) return ResponsesRequestReader.read(c.requestBody());
        return OpenAiRequestReader.read(c.requestBody()).request();
    }

    private static boolean responses(ConformanceCase c) {
        return "responses".equals(c.api());
    }

    @Override
    protected void assertRequestMatches(ConformanceCase c, Harness h) {
        assertThat(h.sentPath()).isEqualTo(c.requestPath());
        if (responses(c)) {
            assertResponsesRequestMatches(c, h.sentBody());
            return;
        }
        JsonSubstance.assertEquivalent(
                textOnlyAsString(c.requestBody()),
                textOnlyAsString(h.sentBody()),
                Map.of("n", Json.NODES.numberNode(1), "stream", Json.NODES.booleanNode(false)),
                Set.of());
    }

    /**
     * The Responses request in substance, with three deliberate differences: the adapter sends store: false where
     * the recorder's client left store at OpenAI's default (true); empty instructions mean none; and a case whose
     * client asked for a stream but got a JSON error back is replayed through chat(), which does not stream.
     */
    private static void assertResponsesRequestMatches(ConformanceCase c, JsonNode sent) {
        ObjectNode recorded = c.requestBody().deepCopy();
        if ("".equals(Json.text(recorded, "instructions"))) recorded.remove("instructions");
        if (!recorded.has("store")) {
            assertThat(sent.path("store").isBoolean() && !sent.get("store").asBoolean())
                    .as("store: false unless the caller set it")
                    .isTrue();
            ((ObjectNode) sent).remove("store");
        }
        Set<String> ignored = c.isError() && !c.isStream() ? Set.of("stream") : Set.of();
        JsonSubstance.assertEquivalent(recorded, sent, Map.of("stream", Json.NODES.booleanNode(false)), ignored);
    }

    /** A Responses 400 model_not_found is "no such model" to the gateway, which keeps the upstream's 400. */
    @Override
    protected Class<? extends SwitchboardException> expectedErrorType(ConformanceCase c) {
        if ("model_not_found".equals(c.expect().path("error").path("code").asText())) return ModelNotFound.class;
        return super.expectedErrorType(c);
    }

    /** The suite's checks, plus the Responses reasoning summary (carried as reasoning text). */
    @Override
    protected void assertResponse(ConformanceCase c, ChatResponse r) {
        super.assertResponse(c, r);
        if (c.expect().has("reasoning_summary")) {
            assertThat(r.reasoningText()).as("reasoning summary").isEqualTo(Json.text(c.expect(), "reasoning_summary"));
        }
    }

    /** In OpenAI's API a content array holding one plain text part means the same as that text as a string. */
    private static JsonNode textOnlyAsString(JsonNode body) {
        JsonNode copy = body.deepCopy();
        for (JsonNode m : copy.path("messages")) {
            JsonNode content = m.get("content");
            if (content != null
                    && content.isArray()
                    && content.size() == 1
                    && "text".equals(content.get(0).path("type").asText())
                    && content.get(0).size() == 2) {
                ((ObjectNode) m).put("content", content.get(0).path("text").asText());
            }
        }
        return copy;
    }
}
