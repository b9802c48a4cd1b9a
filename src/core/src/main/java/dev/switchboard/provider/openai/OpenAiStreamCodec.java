package dev.switchboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.http.SseDecoder;
import dev.switchboard.core.http.SseEvent;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.StreamEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Chat Completions SSE chunks → stream events. State: whether the start was announced, which upstream tool-call
 * index maps to which call, whether a finish and the terminating [DONE] were seen. Chunks without choices
 * (the usage chunk, moderation chunks) and unknown fields are tolerated.
 */
final class OpenAiStreamCodec implements SseDecoder {
    private final String provider;
    private boolean started;
    private boolean finished;
    private boolean done;
    private final Map<Integer, Integer> toolIndex = new HashMap<>();

    OpenAiStreamCodec(String provider) {
        this.provider = provider;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<StreamEvent> out) {
        String data = event.data().trim();
        if (data.isEmpty()) return;
        if (data.equals("[DONE]")) {
            done = true;
            return;
        }
        JsonNode chunk = Json.tryParse(data);
        if (chunk == null || !chunk.isObject()) throw HttpErrors.malformed(provider, "stream chunk is not JSON");
        if (chunk.has("error")) throw OpenAiErrors.inStream(provider, chunk.get("error"));
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Started(Json.text(chunk, "id"), Json.text(chunk, "model")));
        }
        for (JsonNode choice : Json.elements(chunk, "choices")) {
            if (choice.path("index").asInt(0) != 0) continue;
            delta(choice.get("delta"), out);
            String finish = Json.text(choice, "finish_reason");
            if (finish != null) {
                finished = true;
                out.accept(new StreamEvent.Finished(FinishReason.fromOpenAi(finish), finish));
            }
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) out.accept(new StreamEvent.UsageReported(OpenAiMapping.usage(usage)));
    }

    private void delta(JsonNode delta, Consumer<StreamEvent> out) {
        if (delta == null || !delta.isObject()) return;
        String reasoning = OpenAiMapping.reasoningText(delta);
        if (reasoning != null && !reasoning.isEmpty()) out.accept(new StreamEvent.ReasoningDelta(reasoning, null));
        String text = OpenAiMapping.messageText(delta.get("content"));
        if (text != null && !text.isEmpty()) out.accept(new StreamEvent.TextDelta(text));
        for (JsonNode call : Json.elements(delta, "tool_calls")) {
            // Servers that send each call whole omit the index; number those in arrival order.
            int upstream = call.has("index") ? call.get("index").asInt() : toolIndex.size();
            JsonNode fn = call.path("function");
            Integer index = toolIndex.get(upstream);
            if (index == null) {
                index = toolIndex.size();
                toolIndex.put(upstream, index);
                out.accept(new StreamEvent.ToolCallStarted(
                        index, Json.text(call, "id"), fn.path("name").asText("")));
            }
            JsonNode args = fn.get("arguments");
            if (args != null && !args.isNull()) {
                String piece = OpenAiMapping.argumentsText(args);
                if (!piece.isEmpty() && !(args.isObject() && args.isEmpty())) {
                    out.accept(new StreamEvent.ToolCallDelta(index, piece));
                }
            }
        }
    }

    @Override
    public void onEnd(Consumer<StreamEvent> out) {
        if (!done && !finished) {
            throw new UpstreamError(
                    ErrorInfo.of(provider + ": the stream ended before the answer was complete")
                            .withProvider(provider)
                            .withCode("stream_incomplete"),
                    true);
        }
    }
}
