package dev.switchboard.provider.anthropic;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where and how to reach the Messages API.
 *
 * @param baseUrl  e.g. https://api.anthropic.com (a trailing /v1 is tolerated)
 * @param apiKey   the x-api-key secret; null when absent (the provider then reports itself unavailable)
 * @param version  the anthropic-version header; Anthropic freezes wire behavior per version, so it is pinned
 */
public record AnthropicConfig(URI baseUrl, String apiKey, String version) {

    public static final String TYPE = "anthropic";
    public static final URI DEFAULT_URL = URI.create("https://api.anthropic.com");
    public static final String API_VERSION = "2023-06-01";
    /** The largest page GET /v1/models serves. */
    static final int MODELS_PAGE_SIZE = 1000;

    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    public AnthropicConfig {
        baseUrl = baseUrl == null ? DEFAULT_URL : baseUrl;
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        version = version == null ? API_VERSION : version;
    }

    public static AnthropicConfig of(URI baseUrl, String apiKey) {
        return new AnthropicConfig(baseUrl, apiKey, API_VERSION);
    }

    URI messagesUri() {
        return resolve("/messages");
    }

    URI modelsUri(String afterId) {
        String query = "?limit=" + MODELS_PAGE_SIZE;
        if (afterId != null) query += "&after_id=" + URLEncoder.encode(afterId, StandardCharsets.UTF_8);
        return resolve("/models" + query);
    }

    URI batchesUri() {
        return resolve("/messages/batches");
    }

    /** A page of the batch list, newest first; {@code afterId} is the previous page's last_id. */
    URI batchListUri(String afterId, int limit) {
        String query = "?limit=" + limit;
        if (afterId != null) query += "&after_id=" + URLEncoder.encode(afterId, StandardCharsets.UTF_8);
        return resolve("/messages/batches" + query);
    }

    /** One batch, or one of its actions ("/cancel", "/results"); ids are checked so they cannot reshape the path. */
    URI batchUri(String batchId, String action) {
        if (batchId == null || !BATCH_ID.matcher(batchId).matches()) {
            throw new IllegalArgumentException("not an Anthropic message batch id: " + batchId);
        }
        return resolve("/messages/batches/" + batchId + action);
    }

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-version", version);
        if (apiKey != null) headers.put("x-api-key", apiKey);
        return headers;
    }

    private URI resolve(String path) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        if (!base.endsWith("/v1")) base += "/v1";
        return URI.create(base + path);
    }

    @Override
    public String toString() {
        return "AnthropicConfig[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "absent" : "***") + ", version="
                + version + "]";
    }
}
