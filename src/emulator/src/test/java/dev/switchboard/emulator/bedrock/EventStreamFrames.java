package dev.switchboard.emulator.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.TestHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/** Decodes an event-stream body the way the AWS SDK does (CRCs checked by the library). */
record EventStreamFrames(List<Frame> frames) {

    record Frame(String messageType, String eventType, String exceptionType, String contentType, String payload) {
        JsonNode json() {
            return TestHttp.json(payload);
        }
    }

    static EventStreamFrames decode(byte[] body) {
        MessageDecoder decoder = new MessageDecoder();
        decoder.feed(body);
        return new EventStreamFrames(decoder.getDecodedMessages().stream()
                .map(EventStreamFrames::frame)
                .toList());
    }

    private static Frame frame(Message m) {
        return new Frame(
                header(m, ":message-type"),
                header(m, ":event-type"),
                header(m, ":exception-type"),
                header(m, ":content-type"),
                new String(m.getPayload(), StandardCharsets.UTF_8));
    }

    private static String header(Message m, String name) {
        var v = m.getHeaders().get(name);
        return v == null ? null : v.getString();
    }

    List<String> eventTypes() {
        return frames.stream().map(Frame::eventType).toList();
    }

    List<Frame> ofType(String eventType) {
        return frames.stream().filter(f -> eventType.equals(f.eventType())).toList();
    }
}
