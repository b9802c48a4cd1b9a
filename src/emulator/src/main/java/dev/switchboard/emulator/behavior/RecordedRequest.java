package dev.switchboard.emulator.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the emulator received it.
 *
 * @param protocol which front end answered it
 * @param method   HTTP method ({@code POST} for gRPC calls, as on the wire)
 * @param path     raw request path including the query (gRPC: {@code /package.Service/Method})
 * @param model    the model name the request addressed after protocol decoding (URL-decoded Bedrock id,
 *                 Azure deployment, Vertex resource tail); {@code null} for listings
 * @param headers  lower-cased header names; credentials replaced by {@code REDACTED}
 * @param body     the request body as JSON (gRPC: the proto's JSON form); {@code null} when there was none
 */
public record RecordedRequest(
        Protocol protocol, String method, String path, String model, Map<String, String> headers, JsonNode body) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
