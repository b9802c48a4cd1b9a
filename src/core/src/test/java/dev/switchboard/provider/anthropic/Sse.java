package dev.switchboard.provider.anthropic;

import dev.switchboard.core.http.SseParser;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ResponseAccumulator;
import dev.switchboard.core.model.StreamEvent;
import java.util.ArrayList;
import java.util.List;

/** Runs SSE text through {@link AnthropicStreamCodec} without HTTP, as HttpTransport's pump does. */
final class Sse {
    private Sse() {}

    static List<StreamEvent> decode(String text) {
        List<StreamEvent> events = new ArrayList<>();
        AnthropicStreamCodec codec = new AnthropicStreamCodec("anthropic");
        SseParser parser = new SseParser(e -> codec.onEvent(e, events::add));
        for (String line : text.split("\r?\n", -1)) parser.line(line);
        parser.end();
        codec.onEnd(events::add);
        return events;
    }

    static ChatResponse accumulate(List<StreamEvent> events) {
        ResponseAccumulator acc = new ResponseAccumulator();
        events.forEach(acc::accept);
        return acc.toResponse();
    }

    static ChatResponse response(String text) {
        return accumulate(decode(text));
    }

    /** Builds SSE text from (event, data) pairs. */
    static String frames(String... eventsAndData) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < eventsAndData.length; i += 2) {
            if (eventsAndData[i] != null) sb.append("event: ").append(eventsAndData[i]).append('\n');
            sb.append("data: ").append(eventsAndData[i + 1]).append("\n\n");
        }
        return sb.toString();
    }
}
