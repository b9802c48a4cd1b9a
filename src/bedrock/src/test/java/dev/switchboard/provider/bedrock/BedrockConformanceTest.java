package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.ConformanceCase;
import dev.switchboard.conformance.JsonSubstance;
import dev.switchboard.conformance.ProviderConformanceSuite;
import dev.switchboard.conformance.RecordingUpstream;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.spi.ChatProvider;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays the recorded Bedrock exchanges through the real SDK clients (sync Converse over url-connection, async
 * ConverseStream over Netty) pointed at a local {@link RecordingUpstream} with static test credentials. Streams are
 * the recorded event-stream bytes, or — for fixtures that kept only decoded events — frames encoded here.
 */
class BedrockConformanceTest extends ProviderConformanceSuite {

    /**
     * Recorded request content the canonical model cannot express; it is removed from the recorded body before the
     * comparison, and nothing else is.
     */
    static final Map<String, String> INEXPRESSIBLE = Map.of(
            "document", "document content blocks (converse_cache_read): the canonical model has no document part",
            "systemTool",
                    "Nova built-in system tools (converse_error_403_invalid_token): ToolSpec describes functions only",
            "tools.cachePoint",
                    "a cache point after the tool list (converse_cache_read): ToolSpec carries no cache hint "
                            + "(a breakpoint on the system prompt caches the tools as well, as they come first)");

    @Override
    protected String providerDir() {
        return "bedrock";
    }

    @Override
    protected Map<String, String> knownGaps() {
        Map<String, String> gaps = new TreeMap<>();
        for (ConformanceCase c : ConformanceCase.load("bedrock")) {
            if ("invoke".equals(c.api())) {
                gaps.put(
                        c.name(),
                        "InvokeModel with a model-native Anthropic Messages body is not used: this adapter "
                                + "sends every model through Converse, which covers the same prompt caching with cachePoint "
                                + "blocks (see converse_cache_read); the Anthropic body belongs to the Anthropic adapter's mapping");
            }
        }
        return gaps;
    }

    @Override
    protected Harness start(ConformanceCase c) {
        RecordingUpstream upstream = new RecordingUpstream(c.status(), c.responseHeaders(), responseBody(c));
        BedrockProvider provider = TestBedrock.provider(upstream.baseUri());
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
                TestBedrock.closeInBackground(provider);
                upstream.close();
            }
        };
    }

    /** Raw recorded bytes when there are any; otherwise the decoded events framed again. */
    static byte[] responseBody(ConformanceCase c) {
        JsonNode events = c.response().get("eventstream_events");
        if (!c.response().hasNonNull("body_base64") && events != null && events.isArray()) {
            return EventStreamFrames.fromCase(events);
        }
        return c.responseBytes();
    }

    @Override
    protected ChatRequest canonicalRequest(ConformanceCase c) {
        return ConverseRequestReader.read(c.requestPath(), c.requestBody());
    }

    /**
     * Path exactly (the SDK URL-encodes the model id as the recorders saw it); body in substance, after removing
     * {@link #INEXPRESSIBLE} content from the recording. {@code system: []} and {@code inferenceConfig: {}} are what
     * pydantic-ai sends when it has nothing to say, i.e. the defaults. The structured-output schema is JSON text
     * inside JSON, compared parsed.
     */
    @Override
    protected void assertRequestMatches(ConformanceCase c, Harness h) {
        assertThat(h.sentPath()).isEqualTo(c.requestPath());
        JsonNode recorded = withoutInexpressible(c.requestBody());
        JsonSubstance.assertEquivalent(
                parsedSchema(recorded),
                parsedSchema(h.sentBody()),
                Map.of("system", Json.array(), "inferenceConfig", Json.object()),
                Set.of());
    }

    /**
     * The recorded error bodies hold only {"message": ...}: the recorders dropped {@code x-amzn-ErrorType}, so the
     * SDK finds no error code and raises its generic BedrockRuntimeException with the HTTP status. The adapter then
     * judges by status, which is what the suite's default expects (400 → InvalidRequest, 403 → AuthFailed,
     * 500 → retriable UpstreamError). What the same answers become with their real error types is checked in
     * BedrockErrorsTest.
     */
    @Override
    protected Class<? extends SwitchboardException> expectedErrorType(ConformanceCase c) {
        return super.expectedErrorType(c);
    }

    @Override
    protected void assertError(ConformanceCase c, SwitchboardException e) {
        super.assertError(c, e);
        assertThat(e.info().code()).as("no AWS error code in the recording").isNull();
        assertThat(e.provider()).isEqualTo("bedrock");
    }

    private static JsonNode withoutInexpressible(JsonNode body) {
        ObjectNode copy = body.deepCopy();
        for (JsonNode m : copy.path("messages")) {
            ArrayNode content = (ArrayNode) m.get("content");
            for (int i = content.size() - 1; i >= 0; i--) {
                if (content.get(i).has("document")) content.remove(i);
            }
        }
        JsonNode tools = copy.path("toolConfig").get("tools");
        if (tools instanceof ArrayNode list) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).has("systemTool") || list.get(i).has("cachePoint")) list.remove(i);
            }
        }
        return copy;
    }

    private static JsonNode parsedSchema(JsonNode body) {
        JsonNode schema =
                body.path("outputConfig").path("textFormat").path("structure").path("jsonSchema");
        if (schema instanceof ObjectNode s && s.path("schema").isTextual()) {
            ObjectNode copy = body.deepCopy();
            ((ObjectNode) copy.path("outputConfig")
                            .path("textFormat")
                            .path("structure")
                            .path("jsonSchema"))
                    .set("schema", Json.parse(s.get("schema").asText()));
            return copy;
        }
        return body;
    }
}
