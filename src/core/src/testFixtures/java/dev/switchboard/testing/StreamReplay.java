package dev.switchboard.testing;

import dev.switchboard.core.http.SseDecoder;
import dev.switchboard.core.http.SseParser;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ResponseAccumulator;
import dev.switchboard.core.model.StreamEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Stream codecs without HTTP: SSE text fed through a decoder as HttpTransport's pump feeds it, and stream events
 * folded into the response a caller would get.
 */
public final class StreamReplay {
    private StreamReplay() {}

    /** The events {@code codec} emits for {@code text} (lines ended by CRLF, LF or CR), its {@code onEnd} included. */
    public static List<StreamEvent> decode(SseDecoder codec, String text) {
        List<StreamEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(e -> codec.onEvent(e, events::add));
        text.lines().forEach(parser::line);
        parser.end();
        codec.onEnd(events::add);
        return events;
    }

    /** The response a caller of {@code chat} would get for these stream events. */
    public static ChatResponse fold(List<StreamEvent> events) {
        ResponseAccumulator acc = new ResponseAccumulator();
        events.forEach(acc::accept);
        return acc.toResponse();
    }
}
