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

/**
 * A request whose body was already read, handed on with that body. Like the invoker's own request, it has one body
 * stream: every {@link #getInputStream()} returns the same one. (Quarkus's bridge calls it once per read in its copy
 * loop; a fresh stream per call restarted the body forever, until the heap ran out.)
 */
final class ReplayedRequest implements HttpRequest {
    private final HttpRequest original;
    private final byte[] body;
    private final InputStream stream;
    private BufferedReader reader;

    ReplayedRequest(HttpRequest original, byte[] body) {
        this.original = original;
        this.body = body;
        this.stream = new ByteArrayInputStream(body);
    }

    @Override
    public String getMethod() {
        return original.getMethod();
    }

    @Override
    public String getUri() {
        return original.getUri();
    }

    @Override
    public String getPath() {
        return original.getPath();
    }

    @Override
    public Optional<String> getQuery() {
        return original.getQuery();
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
        return original.getQueryParameters();
    }

    @Override
    public Map<String, HttpPart> getParts() {
        return original.getParts();
    }

    @Override
    public Optional<String> getContentType() {
        return original.getContentType();
    }

    @Override
    public long getContentLength() {
        return body.length;
    }

    @Override
    public Optional<String> getCharacterEncoding() {
        return original.getCharacterEncoding();
    }

    @Override
    public InputStream getInputStream() {
        return stream;
    }

    @Override
    public synchronized BufferedReader getReader() {
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader(
                    stream,
                    original.getCharacterEncoding()
                            .map(java.nio.charset.Charset::forName)
                            .orElse(StandardCharsets.UTF_8)));
        }
        return reader;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return original.getHeaders();
    }
}
