package dev.switchboard.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.http.SseDecoder;
import dev.switchboard.core.http.SseEvent;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.StreamEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Messages API SSE events → stream events. State: the phase of the message (before message_start, inside it,
 * after message_stop) and the open content blocks by their upstream index, each knowing what it carries. Tool
 * calls are numbered 0, 1, 2... in the order their tool_use blocks start. Server tool blocks (server_tool_use,
 * web_search_tool_result, ...) and their deltas are skipped: Anthropic ran those tools itself. ping, citations and
 * unknown events are ignored; data lines padded with trailing spaces parse as JSON does.
 */
final class AnthropicStreamCodec implements SseDecoder {

    private enum Phase {
        AWAITING_MESSAGE,
        IN_MESSAGE,
        STOPPED
    }

    /** What an open content block carries. */
    private sealed interface Block {
        record Text() implements Block {}

        record Thinking() implements Block {}

        record Tool(int ordinal) implements Block {}

        record Skipped() implements Block {}
    }

    private static final Block TEXT = new Block.Text();
    private static final Block THINKING = new Block.Thinking();
    private static final Block SKIPPED = new Block.Skipped();

    private final String provider;
    private Phase phase = Phase.AWAITING_MESSAGE;
    private final Map<Integer, Block> blocks = new HashMap<>();
    private int toolCount;

    AnthropicStreamCodec(String provider) {
        this.provider = provider;
    }

    @Override
    public void onEvent(SseEvent event, Consumer<StreamEvent> out) {
        if (phase == Phase.STOPPED) return;
        JsonNode data = Json.tryParse(event.data());
        // Proxies sometimes drop the event: line; the payload's type says the same.
        String type = event.event() != null ? event.event() : Json.text(data, "type");
        if (type == null || type.equals("ping")) return;
        if (data == null || !data.isObject()) {
            if (isKnown(type)) throw HttpErrors.malformed(provider, type + " event is not JSON");
            return;
        }
        switch (type) {
            case "message_start" -> messageStart(data.path("message"), out);
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"), out);
            case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"), out);
            case "content_block_stop" -> blockStop(data.path("index").asInt());
            case "message_delta" -> messageDelta(data, out);
            case "message_stop" -> phase = Phase.STOPPED;
            case "error" -> throw AnthropicErrors.inStream(provider, data);
            default -> {
                /* a newer event this codec does not know */
            }
        }
    }

    private static boolean isKnown(String type) {
        return switch (type) {
            case "message_start",
                    "content_block_start",
                    "content_block_delta",
                    "content_block_stop",
                    "message_delta",
                    "message_stop",
                    "error" -> true;
            default -> false;
        };
    }

    private void messageStart(JsonNode message, Consumer<StreamEvent> out) {
        phase = Phase.IN_MESSAGE;
        out.accept(new StreamEvent.Started(Json.text(message, "id"), Json.text(message, "model")));
        JsonNode usage = message.get("usage");
        if (usage != null && usage.isObject()) out.accept(new StreamEvent.UsageReported(AnthropicMapping.usage(usage)));
    }

    private void blockStart(int index, JsonNode block, Consumer<StreamEvent> out) {
        switch (block.path("type").asText()) {
            case "text" -> {
                blocks.put(index, TEXT);
                String text = Json.text(block, "text");
                if (text != null && !text.isEmpty()) out.accept(new StreamEvent.TextDelta(text));
            }
            case "thinking" -> {
                blocks.put(index, THINKING);
                String text = Json.text(block, "thinking");
                if (text != null && !text.isEmpty()) out.accept(new StreamEvent.ReasoningDelta(text, null));
            }
            case "tool_use" -> {
                Block.Tool tool = new Block.Tool(toolCount++);
                blocks.put(index, tool);
                out.accept(new StreamEvent.ToolCallStarted(
                        tool.ordinal(),
                        Json.text(block, "id"),
                        block.path("name").asText("")));
                // Anthropic starts with input {} and streams the arguments; a block that arrives whole carries them.
                JsonNode input = block.get("input");
                if (input != null && input.isObject() && !input.isEmpty()) {
                    out.accept(new StreamEvent.ToolCallDelta(tool.ordinal(), Json.write(input)));
                }
            }
            // redacted_thinking cannot travel as a stream event (no field for its data); server tools are Anthropic's
            default -> blocks.put(index, SKIPPED);
        }
    }

    private void blockDelta(int index, JsonNode delta, Consumer<StreamEvent> out) {
        Block block = blocks.getOrDefault(index, SKIPPED);
        switch (delta.path("type").asText()) {
            case "text_delta" -> {
                String text = Json.text(delta, "text");
                if (block instanceof Block.Text && text != null && !text.isEmpty())
                    out.accept(new StreamEvent.TextDelta(text));
            }
            case "input_json_delta" -> {
                String json = Json.text(delta, "partial_json");
                if (block instanceof Block.Tool tool && json != null && !json.isEmpty()) {
                    out.accept(new StreamEvent.ToolCallDelta(tool.ordinal(), json));
                }
            }
            case "thinking_delta" -> {
                String text = Json.text(delta, "thinking");
                if (block instanceof Block.Thinking && text != null && !text.isEmpty()) {
                    out.accept(new StreamEvent.ReasoningDelta(text, null));
                }
            }
            case "signature_delta" -> {
                String signature = Json.text(delta, "signature");
                if (block instanceof Block.Thinking && signature != null)
                    out.accept(new StreamEvent.ReasoningDelta("", signature));
            }
            default -> {
                /* citations_delta and newer deltas carry nothing the canonical events hold */
            }
        }
    }

    /**
     * A stopped tool block stays known: a late argument delta still belongs to its call, as it does for the
     * Anthropic SDKs, which accumulate by index (the gateway's own event writer relies on that for interleaved calls).
     */
    private void blockStop(int index) {
        if (!(blocks.get(index) instanceof Block.Tool)) blocks.remove(index);
    }

    private void messageDelta(JsonNode data, Consumer<StreamEvent> out) {
        String stop = Json.text(data.path("delta"), "stop_reason");
        if (stop != null) out.accept(new StreamEvent.Finished(AnthropicMapping.finishReason(stop), stop));
        JsonNode usage = data.get("usage");
        if (usage != null && usage.isObject()) out.accept(new StreamEvent.UsageReported(AnthropicMapping.usage(usage)));
    }

    @Override
    public void onEnd(Consumer<StreamEvent> out) {
        if (phase != Phase.STOPPED) {
            throw new UpstreamError(
                    ErrorInfo.of(provider + ": the stream ended before message_stop")
                            .withProvider(provider)
                            .withCode("stream_incomplete"),
                    true);
        }
    }
}
