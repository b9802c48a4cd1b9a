package dev.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.http.SseDecoder;
import dev.switchboard.core.http.SseEvent;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import java.util.function.Consumer;

/**
 * streamGenerateContent chunks → stream events. Each SSE event carries one whole GenerateContentResponse;
 * Vertex hands the same chunks over gRPC and feeds them to {@link #onChunk} directly.
 *
 * <p>State: whether the start was announced, how many tool calls were numbered, whether any was seen (a STOP
 * after calls means tool_calls), the call whose arguments Vertex is still streaming as {@code partialArgs}, and
 * whether a finish arrived. A stream that ends without a finishReason was cut off: a retriable error.
 *
 * <p>Text arrives as deltas; a thought part becomes a reasoning delta; a whole functionCall part becomes
 * ToolCallStarted plus one ToolCallDelta with all its arguments. usageMetadata is cumulative, so each report
 * replaces the one before.
 */
public final class GeminiStreamCodec implements SseDecoder {
    private final String provider;
    private boolean started;
    private boolean finished;
    private boolean sawToolCalls;
    private int nextToolIndex;
    private OpenCall open;

    /** A Vertex call whose arguments are still arriving (willContinue), or null. */
    private record OpenCall(int index, PartialArgs args) {}

    public GeminiStreamCodec(String provider) {
        this.provider = provider;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<StreamEvent> out) {
        String data = event.data().trim();
        if (data.isEmpty()) return;
        JsonNode chunk = Json.tryParse(data);
        if (chunk == null || !chunk.isObject()) throw HttpErrors.malformed(provider, "stream chunk is not JSON");
        onChunk(chunk, out);
    }

    /** One GenerateContentResponse as JSON. */
    public void onChunk(JsonNode chunk, Consumer<StreamEvent> out) {
        JsonNode error = chunk.get("error");
        if (error != null && error.isObject()) throw GeminiErrors.inStream(provider, error);
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Started(Json.text(chunk, "responseId"), Json.text(chunk, "modelVersion")));
        }
        JsonNode candidate = GeminiResponseMapping.firstCandidate(chunk);
        if (candidate != null) {
            for (JsonNode part : Json.elements(candidate.path("content"), "parts")) part(part, out);
        }
        Usage usage = GeminiResponseMapping.usage(chunk.get("usageMetadata"));
        if (!usage.equals(Usage.NOT_REPORTED)) out.accept(new StreamEvent.UsageReported(usage));
        if (finished) return;
        String raw = candidate == null ? null : Json.text(candidate, "finishReason");
        if (raw != null) {
            closeOpenCall(out);
            finished = true;
            out.accept(new StreamEvent.Finished(GeminiResponseMapping.finishReason(raw, sawToolCalls), raw));
        } else if (candidate == null && GeminiResponseMapping.blockReason(chunk) != null) {
            finished = true;
            out.accept(new StreamEvent.Finished(FinishReason.CONTENT_FILTER, GeminiResponseMapping.blockReason(chunk)));
        }
    }

    private void part(JsonNode part, Consumer<StreamEvent> out) {
        String signature = Json.text(part, "thoughtSignature");
        JsonNode call = part.get("functionCall");
        if (call != null && call.isObject()) {
            functionCall(call, signature, out);
            return;
        }
        closeOpenCall(out);
        String text = Json.text(part, "text");
        if (text != null && GeminiResponseMapping.isThought(part)) {
            out.accept(new StreamEvent.ReasoningDelta(text, signature));
            return;
        }
        if (signature != null) out.accept(new StreamEvent.ReasoningDelta("", signature));
        if (text != null && !text.isEmpty()) out.accept(new StreamEvent.TextDelta(text));
    }

    /**
     * A part with a name starts a call. Vertex's streamFunctionCallArguments mode then sends parts without a name
     * carrying {@code partialArgs}, with {@code willContinue} until the last one.
     */
    private void functionCall(JsonNode call, String signature, Consumer<StreamEvent> out) {
        String name = Json.text(call, "name");
        boolean more = call.path("willContinue").asBoolean(false);
        if (name != null && !name.isEmpty()) {
            closeOpenCall(out);
            int index = nextToolIndex++;
            sawToolCalls = true;
            out.accept(new StreamEvent.ToolCallStarted(index, GeminiResponseMapping.toolCallId(call, signature), name));
            if (!more && !call.has("partialArgs")) {
                out.accept(new StreamEvent.ToolCallDelta(index, GeminiResponseMapping.argumentsText(call.get("args"))));
                return;
            }
            open = new OpenCall(index, new PartialArgs(call.get("args")));
        }
        if (open == null) return; // a continuation of a call that never started: nothing to attach it to
        Json.elements(call, "partialArgs").forEach(open.args()::apply);
        if (!more) closeOpenCall(out);
    }

    private void closeOpenCall(Consumer<StreamEvent> out) {
        if (open == null) return;
        out.accept(new StreamEvent.ToolCallDelta(open.index(), open.args().json()));
        open = null;
    }

    @Override
    public void onEnd(Consumer<StreamEvent> out) {
        if (!finished) {
            throw new UpstreamError(
                    ErrorInfo.of(provider + ": the stream ended before the answer was complete")
                            .withProvider(provider)
                            .withCode("stream_incomplete"),
                    true);
        }
    }
}
