package dev.switchboard.emulator.http;

import java.util.List;
import java.util.Map;

/**
 * A streamed response as a list of wire frames (SSE events, event-stream messages, JSON array pieces).
 * The last frame is the protocol's terminator or final event: {@code cut<n>} never sends it.
 */
public record StreamReply(String contentType, Map<String, String> headers, List<byte[]> frames) {

    public StreamReply {
        headers = Map.copyOf(headers);
        frames = List.copyOf(frames);
    }
}
