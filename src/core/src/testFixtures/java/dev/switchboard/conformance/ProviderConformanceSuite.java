package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ResponseAccumulator;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ChatStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite every provider runs: for each recorded exchange, serve the recorded response to the
 * adapter, check that the request it sent matches the recorded one in substance, and that the text, tool calls,
 * finish reason and usage it extracted equal the case's {@code expect}. Errors must map to the right kind.
 *
 * <p>A provider module supplies how to start a fake upstream for a case, the canonical request that should
 * reproduce the recorded one, and how to compare the requests. Cases it cannot pass are declared in
 * {@link #knownGaps()} with the reason (and listed in the README); they show as skipped, not passed.
 */
public abstract class ProviderConformanceSuite {
    protected static final CallOptions OPTIONS = new CallOptions(Duration.ofSeconds(20), Duration.ofSeconds(20));

    /** A fake upstream serving one case, and the provider pointed at it. */
    public interface Harness extends AutoCloseable {
        ChatProvider provider();

        /** The request the adapter sent, as JSON (proto requests converted with JsonFormat). */
        JsonNode sentBody();

        /** The path (with query) the adapter called; null where the transport has none (gRPC). */
        String sentPath();

        @Override
        void close();
    }

    /** The folder under conformance/ holding this provider's cases. */
    protected abstract String providerDir();

    protected abstract Harness start(ConformanceCase c) throws Exception;

    /** The canonical request that should make the adapter send the recorded request. */
    protected abstract ChatRequest canonicalRequest(ConformanceCase c);

    /** Asserts that what the adapter sent matches the recorded request in substance. */
    protected abstract void assertRequestMatches(ConformanceCase c, Harness h);

    /** Cases this adapter does not pass, with the reason. */
    protected Map<String, String> knownGaps() {
        return Map.of();
    }

    /** A request for response-only fixtures, which recorded no request. */
    protected ChatRequest minimalRequest(ConformanceCase c) {
        String model = Json.text(c.expect(), "model");
        return ChatRequest.builder()
                .model(model == null ? "test-model" : model)
                .messages(Message.user("Hello"))
                .build();
    }

    @TestFactory
    Stream<DynamicTest> recordedExchanges() {
        List<ConformanceCase> cases = ConformanceCase.load(providerDir());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    private void run(ConformanceCase c) throws Exception {
        String gap = knownGaps().get(c.name());
        Assumptions.assumeTrue(gap == null, () -> "known gap: " + gap);
        ChatRequest request = c.requestBody() == null ? minimalRequest(c) : canonicalRequest(c);
        try (Harness h = start(c)) {
            if (c.isError()) {
                Throwable thrown = catchThrowable(() -> call(h.provider(), request, c.isStream()));
                assertThat(thrown)
                        .as("an error answer must raise a SwitchboardException")
                        .isInstanceOf(SwitchboardException.class);
                assertError(c, (SwitchboardException) thrown);
            } else {
                assertResponse(c, call(h.provider(), request, c.isStream()));
            }
            if (c.requestBody() != null) assertRequestMatches(c, h);
        }
    }

    private static ChatResponse call(ChatProvider provider, ChatRequest request, boolean stream) {
        if (!stream) return provider.chat(request, OPTIONS);
        ResponseAccumulator acc = new ResponseAccumulator();
        try (ChatStream s = provider.stream(request, OPTIONS)) {
            for (StreamEvent e = s.next(); e != null; e = s.next()) acc.accept(e);
        }
        return acc.toResponse();
    }

    /** The error kind a recorded error status must become; providers override where they know better. */
    protected Class<? extends SwitchboardException> expectedErrorType(ConformanceCase c) {
        int status = c.expect().path("error").path("http_status").asInt(c.status());
        return switch (status) {
            case 400, 422 -> InvalidRequest.class;
            case 401, 403 -> AuthFailed.class;
            case 404 -> ModelNotFound.class;
            case 429 -> RateLimited.class;
            case 503, 529 -> Overloaded.class;
            default -> UpstreamError.class;
        };
    }

    protected void assertError(ConformanceCase c, SwitchboardException e) {
        JsonNode error = c.expect().get("error");
        assertThat(e).as("error kind").isInstanceOf(expectedErrorType(c));
        assertThat(e.upstreamStatus())
                .as("upstream status")
                .isEqualTo(error.path("http_status").asInt(c.status()));
        String message = Json.text(error, "message");
        if (message != null) {
            assertThat(e.getMessage()).as("message keeps the provider's words").contains(HttpErrors.scrub(message));
        }
        String code = Json.text(error, "code");
        if (code != null && !code.matches("\\d+"))
            assertThat(e.code()).as("code").isEqualTo(code);
        assertThat(e.getMessage()).as("no secret in the message").doesNotContainPattern("sk-[A-Za-z0-9]{8,}");
    }

    protected void assertResponse(ConformanceCase c, ChatResponse r) {
        JsonNode expect = c.expect();
        assertThat(blankToNull(r.text())).as("text").isEqualTo(Json.text(expect, "text"));

        List<JsonNode> calls = Json.elements(expect, "tool_calls");
        List<ContentPart.ToolCall> got = r.toolCalls();
        assertThat(got).as("tool calls").hasSize(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            JsonNode want = calls.get(i);
            assertThat(got.get(i).name()).as("tool call " + i + " name").isEqualTo(Json.text(want, "name"));
            assertThat(JsonSubstance.normalize(Json.parseArguments(got.get(i).arguments())))
                    .as("tool call " + i + " arguments")
                    .isEqualTo(JsonSubstance.normalize(want.get("arguments")));
            String id = Json.text(want, "id");
            if (id != null)
                assertThat(got.get(i).id()).as("tool call " + i + " id").isEqualTo(id);
        }

        String normalized = Json.text(expect, "finish_reason_normalized");
        if (normalized != null)
            assertThat(r.finishReason().wireName()).as("finish reason").isEqualTo(normalized);
        String raw = Json.text(expect, "finish_reason");
        if (raw != null)
            assertThat(r.providerFinishReason()).as("provider finish reason").isEqualTo(raw);

        String reasoning = Json.text(expect, "reasoning_text");
        if (expect.has("reasoning_text"))
            assertThat(blankToNull(r.reasoningText())).as("reasoning text").isEqualTo(reasoning);

        if (expect.hasNonNull("model")) assertThat(r.model()).as("model").isEqualTo(Json.text(expect, "model"));
        if (expect.hasNonNull("id")) assertThat(r.id()).as("response id").isEqualTo(Json.text(expect, "id"));

        JsonNode usage = expect.get("usage");
        if (usage != null && !usage.isNull()) assertUsage(usage, r.usage());
    }

    protected void assertUsage(JsonNode want, Usage got) {
        assertThat(got.inputTokens()).as("input tokens").isEqualTo(Json.longOrNull(want, "input_tokens"));
        assertThat(got.outputTokens()).as("output tokens").isEqualTo(Json.longOrNull(want, "output_tokens"));
        if (want.has("cached_tokens")) {
            assertThat(got.cacheReadTokens()).as("cache read tokens").isEqualTo(Json.longOrNull(want, "cached_tokens"));
        }
        if (want.has("cache_creation_tokens")) {
            assertThat(got.cacheWriteTokens())
                    .as("cache write tokens")
                    .isEqualTo(Json.longOrNull(want, "cache_creation_tokens"));
        }
        if (want.has("reasoning_tokens")) {
            assertThat(got.reasoningTokens())
                    .as("reasoning tokens")
                    .isEqualTo(Json.longOrNull(want, "reasoning_tokens"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
