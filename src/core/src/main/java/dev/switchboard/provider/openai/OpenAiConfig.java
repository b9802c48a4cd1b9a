package dev.switchboard.provider.openai;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What differs between OpenAI, Azure OpenAI and OpenAI-compatible servers (Ollama, vLLM): URLs, auth header,
 * the max-tokens parameter name and whether the developer role is understood. Everything else is shared.
 * {@code api} says whether calls go to Chat Completions or to the Responses API (OpenAI and Azure only).
 *
 * @param type            the configured provider type
 * @param baseUrl         e.g. https://api.openai.com/v1, https://NAME.openai.azure.com, http://localhost:11434/v1
 * @param apiKey          null for keyless local servers
 * @param apiVersion      Azure's api-version query parameter
 * @param keyRequired     whether a missing key makes the provider unavailable
 * @param maxTokensParam  max_completion_tokens (OpenAI, Azure) or max_tokens (most compatible servers)
 * @param developerRole   whether "developer" messages are sent as such (else as "system")
 * @param api             the upstream API chat calls go to
 */
public record OpenAiConfig(
        String type,
        URI baseUrl,
        String apiKey,
        String apiVersion,
        boolean keyRequired,
        String maxTokensParam,
        boolean developerRole,
        Api api) {

    /** The OpenAI API a provider's chat calls use; configured as {@code api: chat-completions | responses}. */
    public enum Api {
        CHAT_COMPLETIONS("chat-completions"),
        RESPONSES("responses");

        private final String configName;

        Api(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        /** The API a config value names; null when it names none. A missing value means Chat Completions. */
        public static Api fromConfig(String value) {
            if (value == null) return CHAT_COMPLETIONS;
            for (Api a : values()) {
                if (a.configName.equals(value.trim())) return a;
            }
            return null;
        }
    }

    public static final String OPENAI = "openai";
    public static final String AZURE = "azure-openai";
    public static final String COMPATIBLE = "openai-compatible";
    public static final URI OPENAI_DEFAULT_URL = URI.create("https://api.openai.com/v1");
    /** The last data-plane api-version that lists Azure deployments. */
    static final String AZURE_LIST_API_VERSION = "2022-12-01";

    public static OpenAiConfig openAi(URI baseUrl, String apiKey) {
        return new OpenAiConfig(
                OPENAI,
                baseUrl == null ? OPENAI_DEFAULT_URL : baseUrl,
                apiKey,
                null,
                true,
                "max_completion_tokens",
                true,
                Api.CHAT_COMPLETIONS);
    }

    public static OpenAiConfig azure(URI baseUrl, String apiKey, String apiVersion) {
        return new OpenAiConfig(
                AZURE, baseUrl, apiKey, apiVersion, true, "max_completion_tokens", true, Api.CHAT_COMPLETIONS);
    }

    public static OpenAiConfig compatible(URI baseUrl, String apiKey) {
        return new OpenAiConfig(COMPATIBLE, baseUrl, apiKey, null, false, "max_tokens", false, Api.CHAT_COMPLETIONS);
    }

    public OpenAiConfig withApi(Api newApi) {
        return new OpenAiConfig(type, baseUrl, apiKey, apiVersion, keyRequired, maxTokensParam, developerRole, newApi);
    }

    boolean responses() {
        return api == Api.RESPONSES;
    }

    boolean azure() {
        return AZURE.equals(type);
    }

    URI chatUri(String model) {
        if (azure()) {
            return resolve("/openai/deployments/" + URLEncoder.encode(model, StandardCharsets.UTF_8)
                    + "/chat/completions?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
        }
        return resolve("/chat/completions");
    }

    /**
     * Azure serves the Responses API only on its OpenAI-compatible v1 surface: no deployment in the path (the
     * deployment name goes in the body's model) and no api-version query.
     */
    URI responsesUri() {
        return azure() ? resolve("/openai/v1/responses") : resolve("/responses");
    }

    URI modelsUri() {
        return azure() ? resolve("/openai/deployments?api-version=" + AZURE_LIST_API_VERSION) : resolve("/models");
    }

    Map<String, String> authHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey != null) {
            if (azure()) headers.put("api-key", apiKey);
            else headers.put("authorization", "Bearer " + apiKey);
        }
        return headers;
    }

    private URI resolve(String path) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + path);
    }

    @Override
    public String toString() {
        return "OpenAiConfig[type=" + type + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "absent" : "***")
                + ", apiVersion=" + apiVersion + ", keyRequired=" + keyRequired + ", maxTokensParam=" + maxTokensParam
                + ", developerRole=" + developerRole + ", api=" + api + "]";
    }
}
