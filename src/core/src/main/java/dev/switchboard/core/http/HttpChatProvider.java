package dev.switchboard.core.http;

import dev.switchboard.core.spi.ChatProvider;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every HTTP provider starts from: its id, the headers sent with every call (configured extras first, then the
 * credentials, so configuration can add headers but never replace the key), and its transport.
 */
public abstract class HttpChatProvider implements ChatProvider {
    protected final String id;
    protected final Map<String, String> headers;
    protected final HttpTransport http;

    protected HttpChatProvider(String id, URI baseUrl, Map<String, String> extraHeaders, Map<String, String> authHeaders,
                               Duration connectTimeout, ErrorMapper errors) {
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
}
