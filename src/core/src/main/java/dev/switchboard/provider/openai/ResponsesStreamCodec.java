package dev.switchboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.http.SseDecoder;
import dev.switchboard.core.http.SseEvent;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.StreamEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Responses API semantic events → stream events. Each event names its type (in the data's "type", and in the SSE
 * event name); the ones that carry no content for the caller (in_progress, content_part.*, *.done except
 * function calls, annotations) and unknown ones are ignored.
 *
 * <p>State: whether the start was announced; which output item holds which tool call, and which calls already
 * got argument text; the reasoning summary part last written (so parts are separated as in a complete
 * answer); whether a terminal event (completed, incomplete, failed) arrived.
 */
final class ResponsesStreamCodec implements SseDecoder {
    private final String provider;
    private boolean started;
    private boolean finished;
    /** output_index of a function_call item → the stream's tool-call number (0, 1, ...). */
    private final Map<Integer, Integer> toolIndex = new HashMap<>();

    private final Set<Integer> toolsWithArguments = new HashSet<>();
    private String summaryItem;
    private int summaryPart = -1;

    ResponsesStreamCodec(String provider) {
        this.provider = provider;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<StreamEvent> out) {
        String data = event.data().trim();
        if (data.isEmpty() || data.equals("[DONE]")) return;
        JsonNode json = Json.tryParse(data);
        if (json == null || !json.isObject()) throw HttpErrors.malformed(provider, "stream event is not JSON");
        String type = Json.text(json, "type");
        if (type == null) type = event.event() == null ? "" : event.event();
        if (type.equals("error")) throw ResponsesMapping.failure(provider, json);
        JsonNode response = json.get("response");
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Started(Json.text(response, "id"), Json.text(response, "model")));
        }
        switch (type) {
            case "response.output_item.added" -> itemAdded(json, out);
            case "response.output_item.done" -> itemDone(json, out);
            case "response.output_text.delta", "response.refusal.delta" -> text(json, out);
            case "response.function_call_arguments.delta" -> arguments(json, out);
            case "response.reasoning_summary_text.delta" -> summary(json, out);
            case "response.completed", "response.incomplete" -> finish(response, out);
            case "response.failed" ->
                throw ResponsesMapping.failure(provider, response == null ? json : response.path("error"));
            default -> {
                /* created, in_progress, content_part.*, *.done, annotations: nothing new for the caller */
            }
        }
    }

    private void itemAdded(JsonNode json, Consumer<StreamEvent> out) {
        JsonNode item = json.path("item");
        if (!"function_call".equals(Json.text(item, "type"))) return;
        int outputIndex = json.path("output_index").asInt(toolIndex.size());
        int index = toolIndex.size();
        toolIndex.put(outputIndex, index);
        out.accept(new StreamEvent.ToolCallStarted(
                index, Json.text(item, "call_id"), item.path("name").asText("")));
        String args = Json.text(item, "arguments");
        if (args != null && !args.isEmpty()) {
            toolsWithArguments.add(index);
            out.accept(new StreamEvent.ToolCallDelta(index, args));
        }
    }

    /** A call whose arguments never came as deltas (some servers send each call whole) gets them here. */
    private void itemDone(JsonNode json, Consumer<StreamEvent> out) {
        JsonNode item = json.path("item");
        if (!"function_call".equals(Json.text(item, "type"))) return;
        Integer index = toolIndex.get(json.path("output_index").asInt(-1));
        if (index == null) {
            itemAdded(json, out);
            return;
        }
        String args = Json.text(item, "arguments");
        if (!toolsWithArguments.contains(index) && args != null && !args.isEmpty()) {
            toolsWithArguments.add(index);
            out.accept(new StreamEvent.ToolCallDelta(index, args));
        }
    }

    private static void text(JsonNode json, Consumer<StreamEvent> out) {
        String delta = Json.text(json, "delta");
        if (delta != null && !delta.isEmpty()) out.accept(new StreamEvent.TextDelta(delta));
    }

    private void arguments(JsonNode json, Consumer<StreamEvent> out) {
        Integer index = toolIndex.get(json.path("output_index").asInt(-1));
        String delta = Json.text(json, "delta");
        if (index == null || delta == null || delta.isEmpty()) return;
        toolsWithArguments.add(index);
        out.accept(new StreamEvent.ToolCallDelta(index, delta));
    }

    /** Summary parts of one reasoning item are separated by a newline, as ResponsesMapping joins them. */
    private void summary(JsonNode json, Consumer<StreamEvent> out) {
        String delta = Json.text(json, "delta");
        if (delta == null || delta.isEmpty()) return;
        String item = Json.text(json, "item_id");
        int part = json.path("summary_index").asInt(0);
        if (summaryItem != null && summaryItem.equals(item) && part != summaryPart) {
            out.accept(new StreamEvent.ReasoningDelta("\n", null));
        }
        summaryItem = item;
        summaryPart = part;
        out.accept(new StreamEvent.ReasoningDelta(delta, null));
    }

    private void finish(JsonNode response, Consumer<StreamEvent> out) {
        finished = true;
        String status = Json.text(response, "status");
        String incomplete = Json.text(Json.at(response, "incomplete_details"), "reason");
        JsonNode usage = response == null ? null : response.get("usage");
        if (usage != null && usage.isObject()) out.accept(new StreamEvent.UsageReported(ResponsesMapping.usage(usage)));
        out.accept(new StreamEvent.Finished(
                ResponsesMapping.finishReason(status, incomplete, !toolIndex.isEmpty()),
                ResponsesMapping.providerFinishReason(status, incomplete)));
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
