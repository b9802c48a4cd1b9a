package dev.switchboard.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.ConformanceCase;
import dev.switchboard.conformance.JsonSubstance;
import dev.switchboard.conformance.ProviderConformanceSuite;
import dev.switchboard.conformance.RecordingUpstream;
import dev.switchboard.core.frontend.anthropic.AnthropicRequestReader;
import dev.switchboard.core.frontend.anthropic.ParsedMessagesRequest;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.spi.ChatProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Replays the recorded Anthropic exchanges. The canonical request of each case is what the gateway's own Anthropic
 * front door reads from the recorded body, so each case also proves the round trip
 * Anthropic JSON → canonical → Anthropic JSON.
 */
class AnthropicConformanceTest extends ProviderConformanceSuite {

    @Override
    protected String providerDir() {
        return "anthropic";
    }

    @Override
    protected Map<String, String> knownGaps() {
        return Map.of(
                "stream_text_after_tool_result",
                "the recorded history replays a tool-search turn: the assistant message carries server_tool_use and "
                        + "tool_search_tool_result blocks, and two function tools set defer_loading. The canonical "
                        + "model has no content part for provider-executed tool blocks and no deferred-tool flag, so "
                        + "the Anthropic front door rejects the request (400 naming messages.1.content.1.type). The "
                        + "recorded response stream itself is decoded in AnthropicStreamCodecTest.");
    }

    /** The fake upstream and the provider pointed at it; keeps the upstream to check the headers sent. */
    private record Replay(RecordingUpstream upstream, ChatProvider provider) implements Harness {
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
    }

    @Override
    protected Harness start(ConformanceCase c) {
        RecordingUpstream upstream = RecordingUpstream.replaying(c);
        return new Replay(
                upstream,
                new AnthropicProvider(
                        "anthropic",
                        AnthropicConfig.of(upstream.baseUri(), "test-key"),
                        Map.of(),
                        Duration.ofSeconds(5)));
    }

    @Override
    protected ChatRequest canonicalRequest(ConformanceCase c) {
        ParsedMessagesRequest parsed = AnthropicRequestReader.read(c.requestBody());
        assertThat(parsed.stream()).as("stream flag").isEqualTo(c.isStream());
        return parsed.request();
    }

    @Override
    protected void assertRequestMatches(ConformanceCase c, Harness h) {
        // pydantic-ai records through the SDK's beta client, which adds ?beta=true; the adapter calls the GA endpoint.
        String recordedPath = c.requestPath().replaceFirst("\\?beta=true$", "");
        assertThat(h.sentPath()).isEqualTo(recordedPath);
        assertThat(((Replay) h).upstream().last().headers())
                .containsEntry("x-api-key", "test-key")
                .containsEntry("anthropic-version", "2023-06-01");
        // "stream": false is the API default; the adapter sends "stream" only when it streams.
        JsonSubstance.assertEquivalent(
                gaStructuredOutputs(c.requestBody()),
                h.sentBody(),
                Map.of("stream", Json.NODES.booleanNode(false)),
                Set.of());
    }

    /**
     * The recording used the structured-outputs beta spelling {@code output_format}; the adapter sends its GA
     * spelling {@code output_config.format}, which carries the same object.
     */
    private static JsonNode gaStructuredOutputs(JsonNode body) {
        if (!body.has("output_format")) return body;
        ObjectNode copy = body.deepCopy();
        JsonNode format = copy.remove("output_format");
        ObjectNode config =
                copy.has("output_config") ? (ObjectNode) copy.get("output_config") : copy.putObject("output_config");
        config.set("format", format);
        return copy;
    }
}
