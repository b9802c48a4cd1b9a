package dev.switchboard.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.switchboard.conformance.ConformanceCase;
import dev.switchboard.conformance.JsonSubstance;
import dev.switchboard.conformance.ProviderConformanceSuite;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.provider.gemini.GeminiRequestReader;
import dev.switchboard.provider.gemini.GeminiRequestSubstance;
import io.grpc.Server;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays the recorded Vertex exchanges through the real client: the provider is built by its factory with a
 * plaintext endpoint (the production path for local servers), and a local PredictionService serves each recorded
 * REST answer converted to protos. The request proto it receives is printed as JSON and compared in substance
 * with the recorded v1beta1 REST body, after the Gemini normalization ({@link GeminiRequestSubstance}) and these
 * declared differences:
 * <ul>
 *   <li>the proto carries the model resource name, which REST puts in the URL: asserted against the recorded path,
 *       then set aside;</li>
 *   <li>{@code functionCall.id} / {@code functionResponse.id} exist in v1beta1 only; the v1 protos have no such
 *       field, so they are not compared;</li>
 *   <li>an empty {@code description} of a function declaration: proto3 strings have no presence, "" is unset
 *       and not printed;</li>
 *   <li>{@code functionResponse.parts} (error_400_invalid_argument: images returned by a tool): the canonical tool
 *       result is text, so the images cannot be reproduced; the case still checks the request around them and
 *       the mapping of the error.</li>
 * </ul>
 */
class VertexConformanceTest extends ProviderConformanceSuite {
    private static final Pattern RESOURCE =
            Pattern.compile("/v1(?:beta1)?/(projects/([^/]+)/locations/([^/]+)/publishers/google/models/[^:]+):");

    private FakePredictionService fake;

    @Override
    protected String providerDir() {
        return "vertex";
    }

    @Override
    protected Harness start(ConformanceCase c) {
        fake = new FakePredictionService(c);
        Server server = FakePredictionService.serve(fake);
        Matcher m = RESOURCE.matcher(c.requestPath());
        boolean recordedProject = m.find() && !m.group(2).startsWith("{");
        VertexProvider provider = (VertexProvider) new VertexProviderFactory()
                .create(ProviderSettings.builder("vertex", "vertex")
                        .project(recordedProject ? m.group(2) : "test-project")
                        .location(recordedProject ? m.group(3) : "us-central1")
                        .endpoint("127.0.0.1:" + server.getPort())
                        .plaintext(true)
                        .build());
        assertThat(provider.unavailableReason()).isNull();
        FakePredictionService f = fake;
        return new Harness() {
            @Override
            public ChatProvider provider() {
                return provider;
            }

            @Override
            public JsonNode sentBody() {
                return print(f);
            }

            @Override
            public String sentPath() {
                return null;
            }

            @Override
            public void close() {
                provider.close();
                server.shutdownNow();
            }
        };
    }

    @Override
    protected ChatRequest canonicalRequest(ConformanceCase c) {
        return GeminiRequestReader.read(c.requestBody(), GeminiRequestReader.modelFromPath(c.requestPath()));
    }

    @Override
    protected void assertRequestMatches(ConformanceCase c, Harness h) {
        assertThat(fake.method).as("gRPC method").isEqualTo(c.api());
        ObjectNode sent = (ObjectNode) h.sentBody();
        Matcher m = RESOURCE.matcher(c.requestPath());
        assertThat(m.find()).isTrue();
        assertThat(sent.remove("model").asText()).as("model resource").isEqualTo(m.group(1));

        ObjectNode recorded = GeminiRequestSubstance.normalize(c.requestBody());
        for (JsonNode content : recorded.path("contents")) {
            for (JsonNode part : content.path("parts")) {
                if (part.get("functionCall") instanceof ObjectNode call) call.remove("id");
                if (part.get("functionResponse") instanceof ObjectNode response) {
                    response.remove("id");
                    response.remove("parts");
                }
            }
        }
        for (JsonNode tool : recorded.path("tools")) {
            for (JsonNode fn : tool.path("functionDeclarations")) {
                if (fn instanceof ObjectNode f && f.path("description").asText().isEmpty()) f.remove("description");
            }
        }
        JsonSubstance.assertEquivalent(recorded, GeminiRequestSubstance.normalize(sent), Map.of(), Set.of());
    }

    private static JsonNode print(FakePredictionService f) {
        assertThat(f.received).as("the adapter sent no request").isNotNull();
        try {
            return Json.parse(JsonFormat.printer().print(f.received));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
