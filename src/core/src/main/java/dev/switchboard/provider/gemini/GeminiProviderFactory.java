package dev.switchboard.provider.gemini;

import dev.switchboard.core.http.HttpUrls;
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
        HttpUrls.problem("base-url", s.baseUrl()).ifPresent(problems::add);
        return problems;
    }

    @Override
    public ChatProvider create(ProviderSettings s) {
        return new GeminiProvider(
                s.id(),
                new GeminiConfig(s.baseUrl(), s.apiKey()),
                s.headers(),
                s.connectTimeout(),
                !"false".equalsIgnoreCase(s.batch().get("enabled")));
    }
}
