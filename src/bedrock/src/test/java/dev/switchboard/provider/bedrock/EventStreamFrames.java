package dev.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/** Test side: AWS event-stream frames as ConverseStream sends them, encoded with the eventstream library. */
final class EventStreamFrames {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Every {@code eventstream_events} entry of a case ({headers, payload}) as one frame. */
    static byte[] fromCase(JsonNode events) {
        EventStreamFrames frames = new EventStreamFrames();
        for (JsonNode e : events) {
            Map<String, HeaderValue> headers = new LinkedHashMap<>();
            e.path("headers")
                    .properties()
                    .forEach(h -> headers.put(
                            h.getKey(), HeaderValue.fromString(h.getValue().asText())));
            frames.frame(headers, Json.bytes(e.get("payload")));
        }
        return frames.bytes();
    }

    EventStreamFrames event(String type, String payloadJson) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return frame(headers, payloadJson.getBytes(StandardCharsets.UTF_8));
    }

    /** A modeled exception inside the stream (e.g. throttlingException, modelStreamErrorException). */
    EventStreamFrames exception(String type, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        return frame(headers, Json.bytes(Json.object().put("message", message)));
    }

    private EventStreamFrames frame(Map<String, HeaderValue> headers, byte[] payload) {
        new Message(headers, payload).encode(out);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
