package dev.switchboard.provider.anthropic;

import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.testing.StreamReplay;
import java.util.List;

/** Runs SSE text through {@link AnthropicStreamCodec} without HTTP, as HttpTransport's pump does. */
final class Sse {
    private Sse() {}

    static List<StreamEvent> decode(String text) {
        return StreamReplay.decode(new AnthropicStreamCodec("anthropic"), text);
    }

    static ChatResponse accumulate(List<StreamEvent> events) {
        return StreamReplay.fold(events);
    }

    static ChatResponse response(String text) {
        return accumulate(decode(text));
    }

    /** Builds SSE text from (event, data) pairs. */
    static String frames(String... eventsAndData) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < eventsAndData.length; i += 2) {
            if (eventsAndData[i] != null)
                sb.append("event: ").append(eventsAndData[i]).append('\n');
            sb.append("data: ").append(eventsAndData[i + 1]).append("\n\n");
        }
        return sb.toString();
    }
}
