package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One recorded exchange from the conformance corpus (copied from ../shared/conformance into
 * src/test/resources/conformance/&lt;provider&gt;/). See the corpus INDEX.md for the format.
 */
public record ConformanceCase(String name, String provider, String api, JsonNode root) {

    public static List<ConformanceCase> load(String providerDir) {
        URL url = ConformanceCase.class.getClassLoader().getResource("conformance/" + providerDir);
        if (url == null) throw new IllegalStateException("no test resources under conformance/" + providerDir);
        List<ConformanceCase> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = Json.parse(Files.readAllBytes(p));
                out.add(new ConformanceCase(
                        Json.text(root, "case"), Json.text(root, "provider"), Json.text(root, "api"), root));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (out.isEmpty()) throw new IllegalStateException("no cases under conformance/" + providerDir);
        return out;
    }

    public static JsonNode resource(String path) {
        try (InputStream in = ConformanceCase.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing test resource " + path);
            return Json.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode request() {
        return root.path("request");
    }

    /** The recorded request body; null for response-only fixtures. */
    public JsonNode requestBody() {
        JsonNode b = request().get("body");
        return b == null || b.isNull() ? null : b;
    }

    public String requestPath() {
        return Json.text(request(), "path");
    }

    public JsonNode response() {
        return root.path("response");
    }

    public int status() {
        return response().path("status").asInt();
    }

    public JsonNode expect() {
        return root.path("expect");
    }

    public boolean isError() {
        return expect().has("error") && !expect().get("error").isNull();
    }

    public boolean isStream() {
        JsonNode r = response();
        return r.hasNonNull("body_text")
                || r.hasNonNull("body_base64")
                || r.hasNonNull("eventstream_events")
                || api.endsWith("-stream")
                || api.startsWith("stream");
    }

    public Map<String, String> responseHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        response()
                .path("headers")
                .fields()
                .forEachRemaining(e -> h.put(e.getKey(), e.getValue().asText()));
        return h;
    }

    /** The recorded response body bytes (JSON, raw SSE text or event-stream bytes). */
    public byte[] responseBytes() {
        JsonNode r = response();
        if (r.hasNonNull("body_base64"))
            return Base64.getDecoder().decode(r.get("body_base64").asText());
        if (r.hasNonNull("body_text"))
            return r.get("body_text").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (r.hasNonNull("body_json")) return Json.bytes(r.get("body_json"));
        return new byte[0];
    }

    @Override
    public String toString() {
        return provider + "/" + name;
    }
}
