package dev.switchboard.provider.vertex;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Native batch options of a Vertex provider ({@code switchboard.providers.<id>.batch.*}): the Cloud Storage bucket
 * and prefix for the jobs' input and prediction files, and optionally a Cloud Storage endpoint override (a local
 * server, spoken to without credentials).
 *
 * @param bucket          where {@code <prefix><job id>/input.jsonl} and {@code .../output/} go
 * @param prefix          object name prefix, empty or ending in "/"
 * @param storageEndpoint Cloud Storage JSON API endpoint override, null for Google's
 */
record VertexBatchSettings(String bucket, String prefix, URI storageEndpoint) {
    static final String DEFAULT_PREFIX = "switchboard-native/";
    private static final Set<String> KEYS = Set.of("bucket", "prefix", "storage-endpoint", "enabled");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9._=-]+/)*");

    /** The settings, or empty when native batch is off (no bucket, or {@code enabled: false}). */
    static Optional<VertexBatchSettings> of(Map<String, String> batch) {
        String bucket = batch.get("bucket");
        if (bucket == null || bucket.isBlank() || "false".equalsIgnoreCase(batch.get("enabled"))) {
            return Optional.empty();
        }
        String prefix = batch.getOrDefault("prefix", DEFAULT_PREFIX).strip();
        if (!prefix.isEmpty() && !prefix.endsWith("/")) prefix += "/";
        String endpoint = batch.get("storage-endpoint");
        return Optional.of(new VertexBatchSettings(
                bucket.strip(), prefix, endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.strip())));
    }

    /** Whether this package carries the Cloud Storage client (the HTTP function leaves it out). */
    static boolean storageAvailable() {
        try {
            Class.forName("com.google.cloud.storage.Storage", false, VertexBatchSettings.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Problems with the options, each naming its key under {@code batch.}. */
    static List<String> validate(Map<String, String> batch) {
        List<String> problems = new ArrayList<>();
        for (String key : batch.keySet()) {
            if (!KEYS.contains(key)) problems.add("batch." + key + ": not an option of type vertex (" + KEYS + ")");
        }
        String bucket = batch.get("bucket");
        if (bucket != null
                && !bucket.isBlank()
                && !BUCKET.matcher(bucket.strip()).matches()) {
            problems.add("batch.bucket: '" + bucket + "' is not a Cloud Storage bucket name");
        }
        String prefix = batch.get("prefix");
        if (prefix != null && !prefix.isBlank()) {
            String p = prefix.strip().endsWith("/") ? prefix.strip() : prefix.strip() + "/";
            if (!PREFIX.matcher(p).matches()) {
                problems.add("batch.prefix: '" + prefix + "' must be path segments of [A-Za-z0-9._=-], no leading '/'");
            }
        }
        String endpoint = batch.get("storage-endpoint");
        if (endpoint != null && !endpoint.isBlank()) {
            try {
                URI uri = URI.create(endpoint.strip());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    problems.add("batch.storage-endpoint: '" + endpoint + "' is not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                problems.add("batch.storage-endpoint: '" + endpoint + "' is not a URL");
            }
        }
        String enabled = batch.get("enabled");
        if (enabled != null && !enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
            problems.add("batch.enabled: '" + enabled + "' is not true or false");
        }
        if (of(batch).isPresent() && !storageAvailable()) {
            problems.add("batch.bucket: native batch on Vertex needs google-cloud-storage, which this package does not"
                    + " carry (the HTTP function runs no batch jobs); remove batch.bucket here");
        }
        return problems;
    }
}
