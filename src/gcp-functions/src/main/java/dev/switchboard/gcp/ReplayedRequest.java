package dev.switchboard.gcp;

import com.google.cloud.functions.HttpRequest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A request whose body was already read, handed on with that body. */
final class ReplayedRequest implements HttpRequest {
    private final HttpRequest original;
    private final byte[] body;

    ReplayedRequest(HttpRequest original, byte[] body) {
        this.original = original;
        this.body = body;
    }

    @Override public String getMethod() { return original.getMethod(); }
    @Override public String getUri() { return original.getUri(); }
    @Override public String getPath() { return original.getPath(); }
    @Override public Optional<String> getQuery() { return original.getQuery(); }
    @Override public Map<String, List<String>> getQueryParameters() { return original.getQueryParameters(); }
    @Override public Map<String, HttpPart> getParts() { return original.getParts(); }
    @Override public Optional<String> getContentType() { return original.getContentType(); }
    @Override public long getContentLength() { return body.length; }
    @Override public Optional<String> getCharacterEncoding() { return original.getCharacterEncoding(); }
    @Override public InputStream getInputStream() { return new ByteArrayInputStream(body); }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(),
                original.getCharacterEncoding().map(java.nio.charset.Charset::forName).orElse(StandardCharsets.UTF_8)));
    }

    @Override public Map<String, List<String>> getHeaders() { return original.getHeaders(); }
}
