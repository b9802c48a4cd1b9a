package dev.switchboard.provider.anthropic;

import dev.switchboard.core.http.HttpUrls;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import java.util.ArrayList;
import java.util.List;

/** Builds Anthropic providers (type {@code anthropic}); base-url is optional and defaults to api.anthropic.com. */
public final class AnthropicProviderFactory implements ProviderFactory {

    @Override
    public String type() {
        return AnthropicConfig.TYPE;
    }

    @Override
    public List<String> validate(ProviderSettings s) {
        List<String> problems = new ArrayList<>();
        HttpUrls.problem("base-url", s.baseUrl()).ifPresent(problems::add);
        return problems;
    }

    @Override
    public ChatProvider create(ProviderSettings s) {
        return new AnthropicProvider(
                s.id(),
                AnthropicConfig.of(s.baseUrl(), s.apiKey()),
                s.headers(),
                s.connectTimeout(),
                !"false".equalsIgnoreCase(s.batch().get("enabled")));
    }
}
