package dev.switchboard.emulator.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.behavior.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * {@code application/vnd.amazon.eventstream} messages, encoded (prelude, headers, payload, CRCs) by the
 * eventstream library the AWS SDK itself decodes with.
 */
final class EventFrames {

    private EventFrames() {}

    static byte[] event(String eventType, JsonNode payload) {
        return raw(eventType, Json.bytes(payload));
    }

    static byte[] raw(String eventType, byte[] payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(eventType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return encode(headers, payload);
    }

    static byte[] exception(String exceptionType, JsonNode payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(exceptionType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        return encode(headers, Json.bytes(payload));
    }

    private static byte[] encode(Map<String, HeaderValue> headers, byte[] payload) {
        var buffer = new Message(headers, payload).toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
