package dev.switchboard.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ChatStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every HTTP provider starts from: its id, the headers sent with every call (configured extras first, then the
 * credentials, so configuration can add headers but never replace the key), its transport, and the three exchanges
 * they all make: a JSON POST answered by a JSON object, a JSON POST answered by an event stream, and a GET of a
 * JSON object (model lists).
 */
public abstract class HttpChatProvider implements ChatProvider {
    /** How long one page of a model list may take. */
    protected static final Duration LIST_TIMEOUT = Duration.ofSeconds(20);

    protected final String id;
    protected final Map<String, String> headers;
    protected final HttpTransport http;

    protected HttpChatProvider(
            String id,
            URI baseUrl,
            Map<String, String> extraHeaders,
            Map<String, String> authHeaders,
            Duration connectTimeout,
            ErrorMapper errors) {
        this.id = id;
        Map<String, String> h = new LinkedHashMap<>(extraHeaders);
        h.putAll(authHeaders);
        this.headers = Map.copyOf(h);
        this.http = HttpTransport.create(id, baseUrl, connectTimeout, errors);
    }

    @Override
    public final String id() {
        return id;
    }

    /** The {@link #unavailableReason()} of a provider that needs {@code apiKey}: null when it is set. */
    protected final String missingKey(String apiKey) {
        return apiKey == null
                ? "provider '" + id + "' has no API key (set switchboard.providers." + id + ".api-key)"
                : null;
    }

    /** POSTs {@code wire} and returns the JSON object answered; anything else is a malformed upstream answer. */
    protected final JsonNode postForObject(URI uri, JsonNode wire, CallOptions options, String what) {
        return object(http.send(HttpCall.postJson(uri, headers(options), Json.bytes(wire), options.timeout())), what);
    }

    /** POSTs {@code wire} and opens the server-sent events answered, decoded by {@code decoder}. */
    protected final ChatStream postForStream(URI uri, JsonNode wire, CallOptions options, SseDecoder decoder) {
        HttpCall call = HttpCall.postJson(uri, headers(options), Json.bytes(wire), options.timeout());
        return http.openSse(call, decoder, options.idleTimeout());
    }

    /** The headers of one call: the provider's own, plus the attempt's trace context (never replacing the key). */
    private Map<String, String> headers(CallOptions options) {
        if (options.traceHeaders().isEmpty()) return headers;
        Map<String, String> h = new LinkedHashMap<>(options.traceHeaders());
        h.putAll(headers);
        return h;
    }

    /** GETs one page of a list and returns its JSON object. */
    protected final JsonNode getObject(URI uri, String what) {
        return object(http.send(HttpCall.get(uri, headers, LIST_TIMEOUT)), what);
    }

    private JsonNode object(HttpReply reply, String what) {
        JsonNode json = Json.tryParse(reply.body());
        if (json == null || !json.isObject()) throw HttpErrors.malformed(id, what + " is not JSON");
        return json;
    }
}
