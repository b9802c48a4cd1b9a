package dev.switchboard.provider.openai;

import dev.switchboard.core.http.HttpUrls;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import java.util.ArrayList;
import java.util.List;

/** Factories for the three OpenAI-family types; they differ only in the config they build. */
public final class OpenAiProviderFactory implements ProviderFactory {
    private final String type;

    private OpenAiProviderFactory(String type) {
        this.type = type;
    }

    public static OpenAiProviderFactory openAi() {
        return new OpenAiProviderFactory(OpenAiConfig.OPENAI);
    }

    public static OpenAiProviderFactory azure() {
        return new OpenAiProviderFactory(OpenAiConfig.AZURE);
    }

    public static OpenAiProviderFactory compatible() {
        return new OpenAiProviderFactory(OpenAiConfig.COMPATIBLE);
    }

    public static List<ProviderFactory> all() {
        return List.of(openAi(), azure(), compatible());
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public List<String> validate(ProviderSettings s) {
        List<String> problems = new ArrayList<>();
        if (!type.equals(OpenAiConfig.OPENAI) && s.baseUrl() == null) {
            problems.add("base-url: required for type " + type);
        }
        HttpUrls.problem("base-url", s.baseUrl()).ifPresent(problems::add);
        OpenAiConfig.Api api = OpenAiConfig.Api.fromConfig(s.api());
        if (api == null) {
            problems.add("api: '" + s.api() + "' is not one of chat-completions, responses");
        } else if (api == OpenAiConfig.Api.RESPONSES && type.equals(OpenAiConfig.COMPATIBLE)) {
            // Compatible servers implement the Responses API partly if at all; their Chat Completions is the safe path.
            problems.add("api: 'responses' is supported for types openai and azure-openai only");
        }
        // Azure's Responses API is the v1 surface, which takes no api-version.
        if (type.equals(OpenAiConfig.AZURE)
                && api != OpenAiConfig.Api.RESPONSES
                && (s.apiVersion() == null || s.apiVersion().isBlank())) {
            problems.add("api-version: required for type azure-openai (e.g. 2024-10-21)");
        }
        return problems;
    }

    @Override
    public ChatProvider create(ProviderSettings s) {
        OpenAiConfig config = switch (type) {
            case OpenAiConfig.AZURE -> OpenAiConfig.azure(s.baseUrl(), s.apiKey(), s.apiVersion());
            case OpenAiConfig.COMPATIBLE -> OpenAiConfig.compatible(s.baseUrl(), s.apiKey());
            default -> OpenAiConfig.openAi(s.baseUrl(), s.apiKey());
        };
        OpenAiConfig.Api api = OpenAiConfig.Api.fromConfig(s.api());
        if (api != null) config = config.withApi(api);
        return new OpenAiProvider(s.id(), config, s.headers(), s.connectTimeout(), s.batch());
    }
}
