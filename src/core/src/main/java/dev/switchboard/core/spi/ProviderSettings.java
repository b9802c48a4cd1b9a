package dev.switchboard.core.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything configuration says about one provider. Fields a type does not use are null. {@link #toString()}
 * never shows the key.
 *
 * @param id               the name it is addressed by
 * @param type             openai, azure-openai, openai-compatible, anthropic, gemini, bedrock, vertex
 * @param apiKey           the secret, from env or a secret manager; null when absent
 * @param baseUrl          endpoint override for HTTP providers
 * @param apiVersion       Azure OpenAI api-version
 * @param api              OpenAI and Azure OpenAI: the upstream API, chat-completions (when null) or responses
 * @param region           AWS region (Bedrock)
 * @param endpoint         SDK endpoint override: URL for Bedrock, host:port for Vertex
 * @param plaintext        Vertex: talk plaintext gRPC to {@code endpoint} (a local server) without credentials
 * @param project          GCP project (Vertex)
 * @param location         GCP location (Vertex)
 * @param connectTimeout   TCP connect timeout
 * @param includeFineTuned list fine-tuned models ("ft:" prefix) in the catalog
 * @param headers          extra headers sent with every upstream request
 * @param batch            native batch options ({@code switchboard.providers.<id>.batch.*}): {@code bucket},
 *                         {@code prefix} (Bedrock: S3, Vertex: GCS, where input and output files go),
 *                         {@code role-arn} (Bedrock's service role), {@code deployment} (Azure: the global-batch
 *                         deployment), {@code enabled} ("false" turns native batch off for this provider)
 */
public record ProviderSettings(
        String id,
        String type,
        String apiKey,
        URI baseUrl,
        String apiVersion,
        String api,
        String region,
        String endpoint,
        boolean plaintext,
        String project,
        String location,
        Duration connectTimeout,
        boolean includeFineTuned,
        Map<String, String> headers,
        Map<String, String> batch) {

    public ProviderSettings {
        batch = batch == null ? Map.of() : Map.copyOf(batch);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        for (String name : headers.keySet()) {
            if (apiKey != null && CREDENTIAL_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "headers." + name + ": would replace the provider key (api-key); " + "set only one of them");
            }
        }
        // upstream error texts are cleaned of these verbatim (HttpErrors.scrub)
        SecretValues.register(apiKey);
        headers.forEach((name, value) -> {
            if (CREDENTIAL_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                SecretValues.register(value);
            }
        });
    }

    /** Headers that carry a provider credential (OpenAI/Azure, Anthropic, Gemini). */
    static final java.util.Set<String> CREDENTIAL_HEADERS =
            java.util.Set.of("authorization", "api-key", "x-api-key", "x-goog-api-key");

    public static Builder builder(String id, String type) {
        return new Builder(id, type);
    }

    public Builder toBuilder() {
        return new Builder(id, type)
                .apiKey(apiKey)
                .baseUrl(baseUrl)
                .apiVersion(apiVersion)
                .api(api)
                .region(region)
                .endpoint(endpoint)
                .plaintext(plaintext)
                .project(project)
                .location(location)
                .connectTimeout(connectTimeout)
                .includeFineTuned(includeFineTuned)
                .headers(headers)
                .batch(batch);
    }

    @Override
    public String toString() {
        return "ProviderSettings[id=" + id + ", type=" + type + ", apiKey=" + (apiKey == null ? "absent" : "***")
                + ", baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", api=" + api + ", region=" + region
                + ", endpoint=" + endpoint + ", plaintext=" + plaintext + ", project=" + project + ", location="
                + location + ", headers=" + headers.keySet() + ", batch=" + batch + "]";
    }

    public static final class Builder {
        private final String id;
        private final String type;
        private String apiKey;
        private URI baseUrl;
        private String apiVersion;
        private String api;
        private String region;
        private String endpoint;
        private boolean plaintext;
        private String project;
        private String location;
        private Duration connectTimeout;
        private boolean includeFineTuned;
        private Map<String, String> headers = Map.of();
        private Map<String, String> batch = Map.of();

        private Builder(String id, String type) {
            this.id = id;
            this.type = type;
        }

        public Builder apiKey(String v) {
            apiKey = v;
            return this;
        }

        public Builder baseUrl(URI v) {
            baseUrl = v;
            return this;
        }

        public Builder baseUrl(String v) {
            baseUrl = v == null ? null : URI.create(v);
            return this;
        }

        public Builder apiVersion(String v) {
            apiVersion = v;
            return this;
        }

        public Builder api(String v) {
            api = v;
            return this;
        }

        public Builder region(String v) {
            region = v;
            return this;
        }

        public Builder endpoint(String v) {
            endpoint = v;
            return this;
        }

        public Builder plaintext(boolean v) {
            plaintext = v;
            return this;
        }

        public Builder project(String v) {
            project = v;
            return this;
        }

        public Builder location(String v) {
            location = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder includeFineTuned(boolean v) {
            includeFineTuned = v;
            return this;
        }

        public Builder headers(Map<String, String> v) {
            headers = v;
            return this;
        }

        public Builder batch(Map<String, String> v) {
            batch = v;
            return this;
        }

        public ProviderSettings build() {
            return new ProviderSettings(
                    id,
                    type,
                    apiKey,
                    baseUrl,
                    apiVersion,
                    api,
                    region,
                    endpoint,
                    plaintext,
                    project,
                    location,
                    connectTimeout,
                    includeFineTuned,
                    headers,
                    batch);
        }
    }
}
