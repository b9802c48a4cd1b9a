package dev.switchboard.provider.gemini;

import dev.switchboard.core.error.InvalidRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the Gemini API (AI Studio) is and how to authenticate to it. The key travels in the
 * {@code x-goog-api-key} header, never in the query string, where it would end up in access logs.
 *
 * @param baseUrl the host root (https://generativelanguage.googleapis.com); a trailing /v1beta or /v1 is kept as
 *                the version root instead of adding /v1beta
 * @param apiKey  null when not configured (the provider then reports itself unavailable)
 */
public record GeminiConfig(URI baseUrl, String apiKey) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://generativelanguage.googleapis.com");
    private static final Pattern VERSION_ROOT = Pattern.compile(".*/v1(beta)?$");
    /** Model ids are plain names ("gemini-2.5-flash"), optionally with the API's own collection prefix. */
    private static final Pattern BATCH = Pattern.compile("batches/[A-Za-z0-9_-]{1,128}");

    private static final Pattern MODEL = Pattern.compile("(models/|tunedModels/)?[A-Za-z0-9][A-Za-z0-9._-]*");

    public GeminiConfig {
        baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
    }

    URI generateUri(String model) {
        return resolve("/" + resource(model) + ":generateContent");
    }

    URI streamUri(String model) {
        return resolve("/" + resource(model) + ":streamGenerateContent?alt=sse");
    }

    URI modelsUri(String pageToken) {
        String query = "?pageSize=1000";
        if (pageToken != null && !pageToken.isEmpty()) {
            query += "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8);
        }
        return resolve("/models" + query);
    }

    URI batchCreateUri(String model) {
        return resolve("/" + resource(model) + ":batchGenerateContent");
    }

    URI batchListUri(String pageToken, int pageSize) {
        String query = "?pageSize=" + pageSize;
        if (pageToken != null && !pageToken.isEmpty()) {
            query += "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8);
        }
        return resolve("/batches" + query);
    }

    /** A batch ("batches/abc") or one of its methods (":cancel"); names are checked so they cannot reshape the URL. */
    URI batchUri(String name, String method) {
        if (name == null || !BATCH.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Gemini batch name: " + name);
        }
        return resolve("/" + name + method);
    }

    Map<String, String> authHeaders() {
        return apiKey == null ? Map.of() : Map.of("x-goog-api-key", apiKey);
    }

    /** The model's resource name; anything that could change the URL's path or query is refused. */
    private static String resource(String model) {
        if (model == null || !MODEL.matcher(model).matches()) {
            throw InvalidRequest.forParam("model", "Invalid model id for provider type gemini: '" + model + "'.");
        }
        return model.contains("/") ? model : "models/" + model;
    }

    private URI resolve(String path) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        if (!VERSION_ROOT.matcher(base).matches()) base += "/v1beta";
        return URI.create(base + path);
    }

    @Override
    public String toString() {
        return "GeminiConfig[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "absent" : "***") + "]";
    }
}
