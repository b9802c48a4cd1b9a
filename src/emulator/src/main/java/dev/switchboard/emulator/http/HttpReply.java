package dev.switchboard.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.behavior.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete (non-streamed) HTTP response. */
public record HttpReply(int status, String contentType, Map<String, String> headers, byte[] body) {

    public HttpReply {
        headers = Map.copyOf(headers);
    }

    public static HttpReply json(int status, JsonNode body) {
        return new HttpReply(status, "application/json", Map.of(), Json.bytes(body));
    }

    public static HttpReply json(int status, String contentType, JsonNode body) {
        return new HttpReply(status, contentType, Map.of(), Json.bytes(body));
    }

    public HttpReply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpReply(status, contentType, h, body);
    }

    public HttpReply withBody(byte[] newBody) {
        return new HttpReply(status, contentType, headers, newBody);
    }
}
