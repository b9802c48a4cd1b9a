package dev.switchboard.provider.gemini;

import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import java.util.ArrayList;
import java.util.List;

/** Type {@code gemini}: the Gemini API (AI Studio) with an API key. */
public final class GeminiProviderFactory implements ProviderFactory {
    public static final String TYPE = "gemini";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> validate(ProviderSettings s) {
        List<String> problems = new ArrayList<>();
        if (s.baseUrl() != null && (s.baseUrl().getScheme() == null || s.baseUrl().getHost() == null)) {
            problems.add("base-url: '" + s.baseUrl() + "' is not an absolute http(s) URL");
        }
        return problems;
    }

    @Override
    public ChatProvider create(ProviderSettings s) {
        return new GeminiProvider(s.id(), new GeminiConfig(s.baseUrl(), s.apiKey()), s.headers(), s.connectTimeout());
    }
}
